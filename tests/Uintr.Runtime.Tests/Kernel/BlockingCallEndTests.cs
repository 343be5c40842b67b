using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>How a blocking call ends: at once (EINTR), by a wake-up, by a time-out, or aborted.</summary>
public class BlockingCallEndTests
{
    /// <summary>Sender on core 1 connected to a receiver task on core 0 through vector 5.</summary>
    private static (KernelFixture F, SimTask Rx, SimTask Tx) Pair(KernelFixture? fixture = null)
    {
        var f = fixture ?? new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        Assert.False(f.Kernel.RegisterSender(tx, fds[0], 0).Failed);
        return (f, rx, tx);
    }

    [Fact]
    public void uintr_wait_with_a_post_in_PIR_returns_EINTR_at_once_and_the_UPID_notifies_the_user_vector_again()
    {
        var (f, rx, tx) = Pair();
        Senduipi.Execute(tx.Cpu!, 0);
        ulong before = f.Control(rx);

        var result = f.Kernel.Wait(rx, 0, 0);

        Assert.Equal(Errno.EINTR, result!.Value.Error);
        Assert.Contains("pending", result.Value.Reason);
        Assert.False(f.Kernel.IsBlocked(rx));
        Assert.Equal(before, f.Control(rx));   // NV back to the notification vector, NDST this core, ON as the send left it
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(f.Control(rx)));
    }

    /// <summary>RFC v1's uintr_wait (arch/x86/kernel/uintr_fd.c at 2100ffbe) has no CONFIG_X86_UINTR_BLOCKING check.</summary>
    [Fact]
    public void RFC_v1_uintr_wait_blocks_whatever_CONFIG_X86_UINTR_BLOCKING_says()
    {
        var (f, rx, _) = Pair(new KernelFixture(KernelAbi.RfcV1, blockingConfigured: false));

        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        Assert.True(f.Kernel.IsBlocked(rx));
    }

    /// <summary>uintr-next's sys_uintr_wait (arch/x86/kernel/uintr.c at fed8dc12) refuses only usec &gt; UINTR_WAIT_MAX_USEC.</summary>
    [Fact]
    public void uintr_next_uintr_wait_accepts_a_timeout_of_exactly_UINTR_WAIT_MAX_USEC()
    {
        var (f, rx, _) = Pair(new KernelFixture(KernelAbi.UintrNext));
        Assert.False(f.Kernel.UnregisterHandler(rx, 0).Failed);
        Assert.False(f.Kernel.RegisterHandler(rx, KernelFixture.Handler, UintrKernel.WaitingReceiverFlag).Failed);

        Assert.Null(f.Kernel.Wait(rx, KernelConstants.MaxWaitMicroseconds, 0));
        Assert.True(f.Kernel.IsBlocked(rx));
    }

    [Fact]
    public void An_interruptible_blocking_syscall_with_a_post_in_PIR_returns_EINTR_at_once()
    {
        var (f, rx, tx) = Pair(new KernelFixture(interruptBlockingSyscalls: true));
        Senduipi.Execute(tx.Cpu!, 0);

        var result = f.Kernel.BlockInSyscall(rx);

        Assert.Equal(Errno.EINTR, result!.Value.Error);
        Assert.Contains("pending", result.Value.Reason);
        Assert.False(f.Kernel.IsBlocked(rx));
    }

    [Fact]
    public void Wake_ends_only_a_blocked_call_and_says_whether_it_did()
    {
        var (f, rx, _) = Pair();
        var first = SyscallResult.Ok(7);

        Assert.False(f.Kernel.Wake(rx, first, 100, 40));
        Assert.NotEqual(first, rx.WakeResult);

        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        Assert.True(f.Kernel.Wake(rx, first, 100, 40));
        Assert.Equal(first, rx.WakeResult);
        Assert.False(f.Kernel.Wake(rx, SyscallResult.Ok(8), 100, 40));
        Assert.Equal(first, rx.WakeResult);
    }

    [Fact]
    public void A_send_wakes_the_waiter_with_EINTR_no_earlier_than_the_kernel_wake_up_path_allows()
    {
        var (f, rx, tx) = Pair();
        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        var send = Senduipi.Execute(tx.Cpu!, 0);
        const long arrival = 5_000;

        f.ArriveAt(0, send.NotificationVector, arrival);
        f.RunUntilIdle();

        var timing = f.Machine.Timing;
        var back = f.Machine.Trace.Single(e => e.Kind == SimulationEventKind.Syscall && e.Detail.StartsWith("return to user", System.StringComparison.Ordinal));
        Assert.True(back.Cycle >= arrival + timing.KernelInterruptCycles + timing.WakeupCycles + (3 * timing.RestoreStepCycles), $"back in user space at {back.Cycle}");
        Assert.Equal(Errno.EINTR, rx.WakeResult.Error);
        Assert.Contains("user interrupt arrived", rx.WakeResult.Reason);
    }

    [Fact]
    public void A_kernel_vector_IPI_that_arrives_after_the_time_out_woke_the_waiter_wakes_nobody()
    {
        var (f, rx, tx) = Pair();
        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        var send = Senduipi.Execute(tx.Cpu!, 0);
        Assert.Equal(KernelConstants.BlockedWaitVector, send.NotificationVector);

        Assert.True(f.Kernel.Wake(rx, SyscallResult.Ok(0), 1_000, 40));   // the time-out fires before the IPI is taken
        f.ArriveAt(0, send.NotificationVector, 1_010);
        f.RunUntilIdle();

        Assert.DoesNotContain(f.Machine.Trace, e => e.Detail.Contains("kernel wakes", System.StringComparison.Ordinal));
        Assert.Contains(f.Machine.Trace, e => e.Vector == KernelConstants.BlockedWaitVector && e.Detail.Contains("ordinary interrupt", System.StringComparison.Ordinal));
        Assert.Equal(SyscallResult.Ok(0), rx.WakeResult);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);   // the post is folded by the return path's self-IPI
    }
}
