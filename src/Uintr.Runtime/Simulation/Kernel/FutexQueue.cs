using System.Collections.Generic;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// The tasks sleeping in FUTEX_WAIT, in arrival order, with the address each sleeps on (one hash bucket, as if every
/// futex of the process hashed alike: the wake order per address is FIFO, which is what matters here).
/// </summary>
internal sealed class FutexQueue
{
    private readonly List<(SimTask Task, ulong Address)> _sleepers = new();

    /// <summary>Queues <paramref name="task"/> on <paramref name="address"/>, forgetting any earlier wait of it.</summary>
    public void Enqueue(SimTask task, ulong address)
    {
        _sleepers.RemoveAll(s => s.Task == task);
        _sleepers.Add((task, address));
    }

    /// <summary>
    /// Removes and returns up to <paramref name="count"/> tasks sleeping on <paramref name="address"/>, oldest first;
    /// drops entries of tasks that left their wait another way (a time-out, a signal).
    /// </summary>
    public List<SimTask> Dequeue(ulong address, int count, System.Func<SimTask, bool> stillBlocked)
    {
        var woken = new List<SimTask>();
        for (int i = 0; i < _sleepers.Count && woken.Count < count;)
        {
            var (task, waitedOn) = _sleepers[i];
            if (!stillBlocked(task))
            {
                _sleepers.RemoveAt(i);
                continue;
            }

            if (waitedOn == address)
            {
                _sleepers.RemoveAt(i);
                woken.Add(task);
                continue;
            }

            i++;
        }

        return woken;
    }
}
