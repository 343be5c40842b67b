namespace Uintr.Simulation.Timing;

/// <summary>
/// Cycle costs of the UINTR flows and of the runtime's own steps, for Sapphire Rapids at 2.0 GHz with turbo off
/// (docs/uintr-reference.md section 10). Every figure names its source; figures marked "estimate" are ours and are
/// chosen so that the published totals are met, never to fit the RFC's ping-pong ratios.
/// </summary>
internal sealed record UintrTiming
{
    /// <summary>SENDUIPI on the sender, issue to retirement. Source: xUI paper (ASPLOS 2025), "UIPI performance" table, Xeon Gold 5420+.</summary>
    public long SenduipiCycles { get; init; } = 383;

    /// <summary>
    /// Receiver cost per interrupt: pipeline flush, notification processing, delivery and UIRET. Source: xUI paper,
    /// same table (720 cycles). Split below into notification processing, delivery and UIRET.
    /// </summary>
    public long ReceiverCostCycles => NotificationProcessingCycles + DeliveryCycles + UiretCycles;

    /// <summary>
    /// Notification processing after the APIC acknowledged UINV: EOI, clear ON, exchange PIR, merge into UIRR
    /// (two locked accesses to the UPID line). Estimate: 100 of the 720 receiver cycles.
    /// </summary>
    public long NotificationProcessingCycles { get; init; } = 100;

    /// <summary>
    /// Delivery: pipeline flush, the four stack pushes, the jump to the handler. Estimate: 720 - 100 (notification)
    /// - 120 (UIRET) = 500 cycles, so that the receiver cost totals the published 720.
    /// </summary>
    public long DeliveryCycles { get; init; } = 500;

    /// <summary>UIRET: three pops, RFLAGS merge, UIF = 1 and a pipeline restart. Estimate (comparable to IRETQ microcode): 120 cycles.</summary>
    public long UiretCycles { get; init; } = 120;

    /// <summary>
    /// Flight of the notification IPI from the sender's APIC to the receiver's interrupt acknowledge. Derived:
    /// end-to-end SENDUIPI-to-handler-entry 1360 cycles (xUI paper) - SENDUIPI 383 - notification 100 - delivery 500 = 377.
    /// </summary>
    public long IpiFlightCycles { get; init; } = 377;

    /// <summary>CLUI. Source: xUI paper, "UIPI performance" table (2 cycles).</summary>
    public long CluiCycles { get; init; } = 2;

    /// <summary>STUI. Source: xUI paper, same table (32 cycles).</summary>
    public long StuiCycles { get; init; } = 32;

    /// <summary>TESTUI reads UIF into CF. Estimate: like CLUI, 2 cycles.</summary>
    public long TestuiCycles { get; init; } = 2;

    /// <summary>
    /// How long a thread spinning on a shared word takes to see another core's store: one PAUSE (about 140 cycles on
    /// Golden Cove, Intel optimization manual on the Skylake-and-later PAUSE latency) plus the cache-line transfer. Estimate: 180 cycles.
    /// </summary>
    public long SpinObserveCycles { get; init; } = 180;

    /// <summary>Locked read-modify-write of the pending word (LOCK AND / XCHG). Source: uops.info, Golden Cove LOCK-prefixed RMW latency about 20 cycles.</summary>
    public long LockedRmwCycles { get; init; } = 20;

    /// <summary>Plain load of the pending word that hits L1. Source: uops.info, Golden Cove load-to-use latency 5 cycles.</summary>
    public long LoadCycles { get; init; } = 5;

    /// <summary>Indirect call into the managed handler and its return. Estimate: 20 cycles (predicted indirect branch plus call/ret).</summary>
    public long ManagedDispatchCycles { get; init; } = 20;

    /// <summary>RDTSC, used by GetTimestamp. Source: uops.info, Golden Cove RDTSC about 25 cycles.</summary>
    public long TimestampCycles { get; init; } = 25;

    /// <summary>A system call's entry and exit: <see cref="KernelTiming.SyscallEntryCycles"/> + <see cref="KernelTiming.SyscallExitCycles"/>.</summary>
    public long SyscallCycles => Kernel.SyscallEntryCycles + Kernel.SyscallExitCycles;

    /// <summary>The kernel paths' component costs (syscall entry/exit, wake-up, context switch, interrupts), each with its source.</summary>
    public KernelTiming Kernel { get; init; } = KernelTiming.SapphireRapids;

    /// <summary>The kernel's interrupt path for an ordinary IPI (entry, handler, EOI, exit): <see cref="KernelTiming.KernelIpiReceiveCycles"/>.</summary>
    public long KernelInterruptCycles => Kernel.KernelIpiReceiveCycles;

    /// <summary>
    /// Waking a task of the interrupted core from the kernel's interrupt handler and switching to it: try_to_wake_up,
    /// enqueue, schedule, switch_to and the FPU restore (the same components the baseline models charge). Leaving an idle
    /// state is charged separately, by the machine, when the interrupt finds the core idle.
    /// </summary>
    public long WakeupCycles => Kernel.TryToWakeUpCycles + Kernel.EnqueueTaskCycles + Kernel.ScheduleCycles + Kernel.ContextSwitchCycles + Kernel.FpuRestoreCycles;

    /// <summary>One of the three return-to-user steps (XRSTORS with UINV/NDST; clear SN; fold PIR): a third of <see cref="KernelTiming.UintrReturnToUserCycles"/>.</summary>
    public long RestoreStepCycles => Kernel.UintrReturnToUserCycles / 3;

    /// <summary>The Sapphire Rapids model at 2.0 GHz.</summary>
    public static UintrTiming SapphireRapids { get; } = new();

    /// <summary>End-to-end SENDUIPI to handler entry with the receiver running, as the model composes it.</summary>
    public long EndToEndCycles => SenduipiCycles + IpiFlightCycles + NotificationProcessingCycles + DeliveryCycles;
}
