using System.Collections.Generic;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// A round-robin time-slice scheduler over a set of cores: the part of the Linux scheduler the UINTR paths depend on,
/// namely when a task is switched out and in and on which core it resumes. Each core's timer tick switches to the next
/// task in its run queue; an idle core steals a waiting task from a busy one (a migration); a task that blocks
/// (uintr_wait) gives its core to the next task, and a woken task goes back to a run queue. Every switch goes through
/// <see cref="UintrKernel.SwitchOut"/> and <see cref="UintrKernel.ReturnToUser"/>, so SN, NDST and the PIR fold follow
/// the review's order.
/// </summary>
internal sealed class TimeSliceScheduler
{
    private readonly UintrKernel _kernel;
    private readonly IKernelHost _host;
    private readonly LogicalProcessor[] _cpus;
    private readonly long _sliceCycles;
    private readonly long _switchCycles;
    private readonly long _stepCycles;
    private readonly SimTask?[] _current;
    private readonly Queue<SimTask>[] _runQueues;
    private bool _stopped;

    public TimeSliceScheduler(UintrKernel kernel, IKernelHost host, IReadOnlyList<LogicalProcessor> cpus, long sliceCycles, long switchCycles, long stepCycles)
    {
        _kernel = kernel;
        _host = host;
        _cpus = new LogicalProcessor[cpus.Count];
        for (int i = 0; i < _cpus.Length; i++)
        {
            _cpus[i] = cpus[i];
        }

        _sliceCycles = sliceCycles;
        _switchCycles = switchCycles;
        _stepCycles = stepCycles;
        _current = new SimTask?[_cpus.Length];
        _runQueues = new Queue<SimTask>[_cpus.Length];
        for (int i = 0; i < _runQueues.Length; i++)
        {
            _runQueues[i] = new Queue<SimTask>();
        }

        kernel.Scheduler = this;
    }

    public long ContextSwitches { get; private set; }

    public long Migrations { get; private set; }

    /// <summary>The task <paramref name="slot"/>'s core runs (or is switching to), or null when it idles.</summary>
    public SimTask? CurrentOn(int slot) => _current[slot];

    /// <summary>
    /// Adds a runnable task (switched out: its XSAVE area holds its state, as after <see cref="UintrKernel.SwitchOut"/> or
    /// <see cref="UintrKernel.Wake"/>) to the run queue of core slot <paramref name="slot"/>; an idle core runs it at once.
    /// </summary>
    public void Admit(SimTask task, int slot, long time)
    {
        _runQueues[slot].Enqueue(task);
        if (_current[slot] is null)
        {
            Dispatch(slot, time);
        }
    }

    /// <summary>Arms every core's timer tick.</summary>
    public void Start(long time)
    {
        for (int slot = 0; slot < _cpus.Length; slot++)
        {
            int core = slot;
            _host.At(time + _sliceCycles, now => Tick(core, now));
        }
    }

    /// <summary>Stops the ticks (the workload is over; tasks stay where they are).</summary>
    public void Stop() => _stopped = true;

    /// <summary>The current task of its core blocked in a system call: the core runs the next task, or idles.</summary>
    public void Blocked(SimTask task, long time)
    {
        int slot = SlotOf(task.BlockedOn!);
        if (slot >= 0 && _current[slot] == task)
        {
            _current[slot] = null;
            Dispatch(slot, time + _switchCycles);
        }
    }

    /// <summary>
    /// A blocked task was woken: it queues on the core it blocked on (an idle core runs it at once). A core this scheduler
    /// does not manage keeps its task, which returns to user space there at once.
    /// </summary>
    public void Woken(SimTask task, LogicalProcessor cpu, long time)
    {
        int slot = SlotOf(cpu);
        if (slot < 0)
        {
            _kernel.ReturnToUser(task, cpu, time, _stepCycles);
        }
        else
        {
            Admit(task, slot, time);
        }
    }

    private void Tick(int slot, long time)
    {
        if (_stopped)
        {
            return;
        }

        _host.At(time + _sliceCycles, now => Tick(slot, now));
        if (_current[slot] is not { } current)
        {
            StealInto(slot, time);
        }
        else if (_runQueues[slot].Count > 0 && current.RunState == TaskRunState.Running)
        {
            // Another task waits and the current one is in user space (not still on its way back there): preempt it.
            Preempt(slot, current, time);
        }
    }

    private void Preempt(int slot, SimTask current, long time)
    {
        _kernel.SwitchOut(current);
        ContextSwitches++;
        _runQueues[slot].Enqueue(current);
        Dispatch(slot, time + _switchCycles);
    }

    /// <summary>An idle core pulls a waiting task from the busiest run queue: the task migrates.</summary>
    private void StealInto(int slot, long time)
    {
        int busiest = -1;
        int most = 0;   // only a queue with a task waiting in it can give one away
        for (int other = 0; other < _runQueues.Length; other++)
        {
            if (other != slot && _runQueues[other].Count > most)
            {
                busiest = other;
                most = _runQueues[other].Count;
            }
        }

        if (busiest >= 0)
        {
            _runQueues[slot].Enqueue(_runQueues[busiest].Dequeue());
            Dispatch(slot, time + _switchCycles);
        }
    }

    private void Dispatch(int slot, long time)
    {
        if (_runQueues[slot].Count == 0)
        {
            return;
        }

        var next = _runQueues[slot].Dequeue();
        _current[slot] = next;
        if (next.LastCpu is { } previous && previous != _cpus[slot])
        {
            Migrations++;
        }

        _kernel.ReturnToUser(next, _cpus[slot], time, _stepCycles);
    }

    private int SlotOf(LogicalProcessor cpu) => System.Array.IndexOf(_cpus, cpu);
}
