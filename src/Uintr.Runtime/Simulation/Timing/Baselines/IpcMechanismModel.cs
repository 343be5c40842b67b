using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// A component model of one IPC mechanism in the ping-pong of intel/uintr-ipc-bench: two threads on two cores, one
/// message of size 1 each way, the receiver blocked in the kernel. For a symmetric protocol a round trip is two
/// identical one-way trips; the sender's own return to user mode and its next blocking call overlap the receiver's
/// wake-up, so they are not on the critical path.
/// </summary>
internal abstract class IpcMechanismModel
{
    protected IpcMechanismModel(KernelTiming kernel, UintrTiming uintr)
    {
        Kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        Uintr = uintr ?? throw new ArgumentNullException(nameof(uintr));
    }

    /// <summary>The mechanism as the RFC's table names it.</summary>
    public abstract string Name { get; }

    /// <summary>What one direction of the modelled ping-pong does, in system-call terms.</summary>
    public abstract string Protocol { get; }

    /// <summary>How the RFC's benchmark of this mechanism differs from <see cref="Protocol"/>, for the validation report.</summary>
    public abstract string RfcBenchmarkDifference { get; }

    protected KernelTiming Kernel { get; }

    protected UintrTiming Uintr { get; }

    /// <summary>The critical path of one round trip, component by component.</summary>
    public abstract RoundTripBreakdown RoundTrip();

    /// <summary>A symmetric protocol's round trip: the one-way path (sender's user code to receiver's user code) in each direction.</summary>
    protected RoundTripBreakdown BothDirections(IEnumerable<CostComponent> oneWay) => new(Name, oneWay.Select(c => c with { Count = c.Count * 2 }));

    /// <summary>
    /// Waking a task blocked on another, idle core: try_to_wake_up on the waker, the idle core leaving C1 (MWAIT sees
    /// the need-resched store, no IPI), the enqueue there, schedule() and the switch from the idle task, FPU restore.
    /// </summary>
    protected IEnumerable<CostComponent> WakeBlockedReceiver()
    {
        yield return new("try_to_wake_up (waker's core)", Kernel.TryToWakeUpCycles, 1);
        yield return new("C1 exit (receiver's core)", Kernel.IdleExitCycles, 1);
        yield return new("enqueue woken task", Kernel.EnqueueTaskCycles, 1);
        yield return new("schedule()", Kernel.ScheduleCycles, 1);
        yield return new("context switch idle -> task", Kernel.ContextSwitchCycles, 1);
        yield return new("FPU state restore (XRSTOR)", Kernel.FpuRestoreCycles, 1);
    }
}
