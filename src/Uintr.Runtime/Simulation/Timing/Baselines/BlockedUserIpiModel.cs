using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// User IPI with the receiver blocked in uintr_wait (intel/uintr-ipc-bench uintrfd-bi-wait): SENDUIPI posts the vector;
/// because the receiver blocked, its UPID's NV is the kernel's blocked-wait vector 0xEB, so the notification is an
/// ordinary interrupt to the receiver's idle core; the kernel handler wakes the task, it is switched in, the return to
/// user mode folds PIR into UIRR, the user interrupt is delivered there and uintr_wait returns EINTR.
/// </summary>
/// <remarks>
/// A component model until the simulator's kernel scheduler runs uintr_wait; see
/// <see cref="Validation.IBlockedUserIpiRoundTripSource"/>, the seam the validation reads it through.
/// </remarks>
internal sealed class BlockedUserIpiModel : IpcMechanismModel
{
    public BlockedUserIpiModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "User IPI, receiver blocked in uintr_wait";

    public override string Protocol => "SENDUIPI; the peer, blocked in uintr_wait, is woken by the 0xEB interrupt and gets the user interrupt on return";

    public override string RfcBenchmarkDifference =>
        "Same protocol as the RFC's uintrfd-bi-wait benchmark (two threads, not pinned). The RFC kernel's exact return-to-user " +
        "work is modelled from Gleixner's review (restore UINV/NDST, clear SN, fold PIR).";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("SENDUIPI", Uintr.SenduipiCycles, 1);
        yield return new("IPI flight (vector 0xEB)", Uintr.IpiFlightCycles, 1);
        yield return new("C1 exit (receiver's core)", Kernel.IdleExitCycles, 1);
        yield return new("kernel IPI receive path (0xEB handler)", Kernel.KernelIpiReceiveCycles, 1);

        // The handler wakes a task of its own core: the same wake-up code, without a cross-core queue.
        yield return new("try_to_wake_up (in the handler)", Kernel.TryToWakeUpCycles, 1);
        yield return new("enqueue woken task", Kernel.EnqueueTaskCycles, 1);
        yield return new("schedule()", Kernel.ScheduleCycles, 1);
        yield return new("context switch idle -> task", Kernel.ContextSwitchCycles, 1);
        yield return new("FPU state restore (XRSTOR)", Kernel.FpuRestoreCycles, 1);
        yield return new("UINTR return-to-user (UINV, NDST, SN, PIR -> UIRR)", Kernel.UintrReturnToUserCycles, 1);
        yield return new("syscall exit (uintr_wait = EINTR)", Kernel.SyscallExitCycles, 1);
        yield return new("user-interrupt delivery", Uintr.DeliveryCycles, 1);
        yield return new("UIRET", Uintr.UiretCycles, 1);
    }
}
