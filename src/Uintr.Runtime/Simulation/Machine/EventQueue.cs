using System.Collections.Generic;

namespace Uintr.Simulation.Machine;

/// <summary>
/// The discrete-event queue: ordered by cycle, then <see cref="ScheduledEvent.PriorityClass"/>, then insertion order, so that the
/// same inputs always give the same order.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<ScheduledEvent, (long Time, int Class, long Sequence)> _queue = new();
    private long _sequence;

    public int Count => _queue.Count;

    /// <summary>How many of the queued events are uintr_wait timers (<see cref="ScheduledEventKind.WaitTimer"/>).</summary>
    public int WaitTimerCount { get; private set; }

    public void Enqueue(in ScheduledEvent e)
    {
        _queue.Enqueue(e, (e.Time, e.PriorityClass, _sequence++));
        if (e.Kind == ScheduledEventKind.WaitTimer)
        {
            WaitTimerCount++;
        }
    }

    public bool TryPeekTime(out long time)
    {
        if (_queue.TryPeek(out _, out var key))
        {
            time = key.Time;
            return true;
        }

        time = 0;
        return false;
    }

    public bool TryDequeue(out ScheduledEvent e)
    {
        if (!_queue.TryDequeue(out e, out _))
        {
            return false;
        }

        if (e.Kind == ScheduledEventKind.WaitTimer)
        {
            WaitTimerCount--;
        }

        return true;
    }

    /// <summary>Whether a queued event matches <paramref name="match"/> (in no particular order; for checks, not for the hot path).</summary>
    public bool Any(System.Predicate<ScheduledEvent> match)
    {
        foreach (var (e, _) in _queue.UnorderedItems)
        {
            if (match(e))
            {
                return true;
            }
        }

        return false;
    }
}
