using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// User IPI with the receiver blocked in uintr_wait, as intel/uintr-ipc-bench's uintrfd-bi-wait does it
/// (source/uintrfd/uintrfd-bi-wait.c at 020e9f96: two threads of one process, not pinned; each side SENDUIPIs, then loops
/// on uintr_wait(0) until its handler has set its flag), on the RFC-v1-era kernel (intel/uintr-linux-kernel
/// arch/x86/kernel/uintr_core.c and uintr_fd.c at 2100ffbe).
/// </summary>
/// <remarks>
/// One direction, step by step from those sources: uintr_receiver_wait switched the waiter's UPID to NV = 0xEB
/// (uintr_switch_to_kernel_vector), armed a 100 us hrtimer sleeper and called schedule(); switch_uintr_prepare leaves SN
/// clear for a waiting task. The sender's SENDUIPI therefore sends an ordinary interrupt with vector 0xEB to the waiter's
/// idle core, whose handler, uintr_wake_up_process, takes the global wait-list lock, finds ON set, sets SN, puts NV back
/// to the notification vector and wake_up_process()es the task on that same core. The task returns from schedule(),
/// cancels the hrtimer and returns -EINTR. On the way out, switch_fpu_return restores the FPU state (XRSTORS) and
/// switch_uintr_return rewrites NDST, clears SN and, finding PIR non-zero, sends itself an IPI with the notification
/// vector: after SYSRET that IPI is taken in user mode as a notification (ON cleared, PIR folded into UIRR) and the user
/// interrupt is delivered; the handler sets the flag, UIRET, and the loop ends.
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
        "Same protocol as the RFC's uintrfd-bi-wait benchmark (two threads, not pinned), on the RFC-v1-era kernel's uintr_wait " +
        "(uintr_core.c at 2100ffbe: 100 us hrtimer sleeper, wake-up from the 0xEB handler, self-IPI on return).";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("SENDUIPI", Uintr.SenduipiCycles, 1);
        yield return new("IPI flight (vector 0xEB)", Uintr.IpiFlightCycles, 1);
        yield return new("C1 exit (receiver's core)", Kernel.IdleExitCycles, 1);
        yield return new("kernel IPI receive path (0xEB handler)", Kernel.KernelIpiReceiveCycles, 1);
        yield return new("uintr_wake_up_process (wait-list lock and scan, SN, NV)", Kernel.UintrWakeScanCycles, 1);

        // The handler wakes a task of its own core: the same wake-up code, without a cross-core queue.
        yield return new("try_to_wake_up (in the handler)", Kernel.TryToWakeUpCycles, 1);
        yield return new("enqueue woken task", Kernel.EnqueueTaskCycles, 1);
        yield return new("schedule()", Kernel.ScheduleCycles, 1);
        yield return new("context switch idle -> task", Kernel.ContextSwitchCycles, 1);
        yield return new("hrtimer_cancel (uintr_wait's 100 us sleeper)", Kernel.HrtimerCancelCycles, 1);
        yield return new("FPU state restore (XRSTOR)", Kernel.FpuRestoreCycles, 1);
        yield return new("switch_uintr_return (UINV, NDST, SN, PIR read, self-IPI)", Kernel.UintrReturnToUserCycles, 1);
        yield return new("syscall exit (uintr_wait = EINTR)", Kernel.SyscallExitCycles, 1);
        yield return new("notification processing (the self-IPI, in user mode)", Uintr.NotificationProcessingCycles, 1);
        yield return new("user-interrupt delivery", Uintr.DeliveryCycles, 1);
        yield return new("UIRET", Uintr.UiretCycles, 1);
    }
}
