using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// uintr_wait as the two trees write it: uintr-next's sys_uintr_wait and uintr_receiver_wait
/// (intel/uintr-linux-kernel arch/x86/kernel/uintr.c at fed8dc12) and RFC v1's (arch/x86/kernel/uintr_fd.c and
/// uintr_core.c at 2100ffbe): the order of the checks, and the hrtimer that ends a wait no interrupt ended with 0.
/// </summary>
public class UintrWaitTimerTests
{
    private static long Cycles(ulong usec) => (long)usec * new SimulatorOptions().FrequencyHz / 1_000_000;

    /// <summary>Back in user space after the expiry, the timer interrupt, the wake-up and the return path; well before 5 us more.</summary>
    private static void AssertTimerEnd(KernelFixture f, long back, long expiry)
    {
        var timing = f.Machine.Timing;
        Assert.InRange(back, expiry + timing.KernelInterruptCycles + timing.WakeupCycles + (3 * timing.RestoreStepCycles), expiry + Cycles(5));
    }

    /// <summary>The trace's returns to user space, in order.</summary>
    private static System.Collections.Generic.IEnumerable<SimulationEvent> ReturnsToUser(KernelFixture f) =>
        f.Machine.Trace.Where(e => e.Kind == SimulationEventKind.Syscall && e.Detail.StartsWith("return to user", System.StringComparison.Ordinal));

    /// <summary>Processes machine events until <paramref name="task"/> is back in user space.</summary>
    private static void RunUntilRunning(KernelFixture f, SimTask task)
    {
        while (task.RunState != TaskRunState.Running && f.Machine.Queue.TryDequeue(out var e))
        {
            f.Machine.Now = System.Math.Max(f.Machine.Now, e.Time);
            f.Machine.Process(e);
        }
    }

    private static SimTask WaitingReceiver(KernelFixture f, bool wakesFromSleep = true)
    {
        var (rx, _) = f.Receiver(0, 5);
        if (f.Kernel.Abi == KernelAbi.UintrNext)
        {
            Assert.False(f.Kernel.UnregisterHandler(rx, 0).Failed);
            Assert.False(f.Kernel.RegisterHandler(rx, KernelFixture.Handler, wakesFromSleep ? UintrKernel.WaitingReceiverFlag : 0).Failed);
        }

        return rx;
    }

    [Fact]
    public void uintr_next_checks_flags_then_the_timeout_bound_then_usec_0_and_only_then_the_handler()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var noHandler = f.RunningTask(1);

        Assert.Equal(Errno.EINVAL, f.Kernel.Wait(noHandler, 0, 1)!.Value.Error);
        Assert.Equal(Errno.EINVAL, f.Kernel.Wait(noHandler, KernelConstants.MaxWaitMicroseconds + 1, 0)!.Value.Error);
        Assert.Equal(SyscallResult.Ok(0), f.Kernel.Wait(noHandler, 0, 0));
        Assert.Equal(Errno.EOPNOTSUPP, f.Kernel.Wait(noHandler, 1, 0)!.Value.Error);
    }

    [Fact]
    public void uintr_next_without_CONFIG_X86_UINTR_BLOCKING_is_ENOSYS_before_any_other_check()
    {
        var f = new KernelFixture(KernelAbi.UintrNext, blockingConfigured: false);
        var noHandler = f.RunningTask(1);

        Assert.Equal(Errno.ENOSYS, f.Kernel.Wait(noHandler, KernelConstants.MaxWaitMicroseconds + 1, 1)!.Value.Error);
    }

    [Fact]
    public void uintr_next_usec_0_returns_0_at_once_without_arming_the_wake_up_vector()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var rx = WaitingReceiver(f);

        Assert.Equal(SyscallResult.Ok(0), f.Kernel.Wait(rx, 0, 0));
        Assert.False(f.Kernel.IsBlocked(rx));
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(f.Control(rx)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void uintr_next_a_wait_no_interrupt_ends_returns_0_after_usec(bool wakesFromSleep)
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var rx = WaitingReceiver(f, wakesFromSleep);
        long start = f.Machine.Now;

        Assert.Null(f.Kernel.Wait(rx, 50, 0));
        f.RunUntilIdle();

        Assert.False(f.Kernel.IsBlocked(rx));
        Assert.Equal(SyscallResult.Ok(0), rx.WakeResult);
        var back = ReturnsToUser(f).Single();
        AssertTimerEnd(f, back.Cycle, start + Cycles(50));
    }

    [Fact]
    public void A_timer_of_an_earlier_wait_does_not_end_a_later_one()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var rx = WaitingReceiver(f);

        Assert.Null(f.Kernel.Wait(rx, 50, 0));
        Assert.True(f.Kernel.Wake(rx, SyscallResult.Fail(Errno.EINTR, "a user interrupt arrived"), f.Machine.Now + 10, 40));
        RunUntilRunning(f, rx);

        Assert.Null(f.Kernel.Wait(rx, 1_000, 0));
        f.RunUntilIdle();

        Assert.Equal(SyscallResult.Ok(0), rx.WakeResult);
        var backs = ReturnsToUser(f).ToList();
        Assert.Equal(2, backs.Count);
        Assert.True(backs[1].Cycle >= Cycles(1_000), $"the second wait ended at cycle {backs[1].Cycle}");
    }

    /// <summary>
    /// The hrtimer of a wait belongs to that wait: once an interrupt ended it, its expiry must not end the task's next
    /// blocking call, which has no timer of its own (a futex sleep, a read).
    /// </summary>
    [Fact]
    public void A_timer_of_a_wait_an_interrupt_ended_does_not_end_a_later_blocking_call()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var rx = WaitingReceiver(f);

        Assert.Null(f.Kernel.Wait(rx, 50, 0));
        Assert.True(f.Kernel.Wake(rx, SyscallResult.Fail(Errno.EINTR, "a user interrupt arrived"), f.Machine.Now + 10, 40));
        RunUntilRunning(f, rx);

        Assert.Null(f.Kernel.BlockInSyscall(rx));
        f.RunUntilIdle();

        Assert.True(f.Kernel.IsBlocked(rx), $"the blocking call ended with {rx.WakeResult}");
        Assert.True(f.Machine.Now >= Cycles(50), "the old timer's expiry was not reached");
    }

    /// <summary>The same for a wait the runtime aborted (a deadline or a fault in the wait window).</summary>
    [Fact]
    public void A_timer_of_an_aborted_wait_does_not_end_a_later_blocking_call()
    {
        var f = new KernelFixture(KernelAbi.RfcV1);
        var rx = WaitingReceiver(f);

        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        f.Kernel.AbortBlock(rx, f.Machine.Now + 10);
        Assert.Equal(TaskRunState.Running, rx.RunState);

        Assert.Null(f.Kernel.BlockInSyscall(rx));
        f.RunUntilIdle();

        Assert.True(f.Kernel.IsBlocked(rx), $"the blocking call ended with {rx.WakeResult}");
        Assert.True(f.Machine.Now >= Cycles(KernelConstants.RfcV1WaitMicroseconds), "the old timer's expiry was not reached");
    }

    /// <summary>A timer of an aborted wait does not end the next uintr_wait either: only the new wait's own timer does.</summary>
    [Fact]
    public void A_timer_of_an_aborted_wait_does_not_end_the_next_wait()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var rx = WaitingReceiver(f);

        Assert.Null(f.Kernel.Wait(rx, 50, 0));
        f.Kernel.AbortBlock(rx, f.Machine.Now + 10);
        Assert.Null(f.Kernel.Wait(rx, 1_000, 0));
        f.RunUntilIdle();

        Assert.Equal(SyscallResult.Ok(0), rx.WakeResult);
        var back = ReturnsToUser(f).Last();
        Assert.True(back.Cycle >= Cycles(1_000), $"the second wait ended at cycle {back.Cycle}");
    }

    /// <summary>
    /// RFC v1 as the GitHub tree writes it (the simulator's RFC v1 model): sys_uintr_wait takes only flags and sleeps
    /// at most 100 us (uintr_fd.c at 2100ffbe); when the timer expires, uintr_remove_task_wait points NV at the
    /// notification vector again and the call returns 0 (uintr_core.c at 2100ffbe).
    /// </summary>
    [Fact]
    public void RFC_v1_uintr_wait_returns_0_after_100_us_with_NV_back_to_the_notification_vector()
    {
        var f = new KernelFixture(KernelAbi.RfcV1);
        var rx = WaitingReceiver(f);
        long start = f.Machine.Now;

        Assert.Null(f.Kernel.Wait(rx, KernelConstants.MaxWaitMicroseconds, 0));
        Assert.Equal(KernelConstants.BlockedWaitVector, Upid.Nv(f.Control(rx)));
        f.RunUntilIdle();

        Assert.Equal(SyscallResult.Ok(0), rx.WakeResult);
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(f.Control(rx)));
        var back = ReturnsToUser(f).Single();
        AssertTimerEnd(f, back.Cycle, start + Cycles(100));
    }

    [Fact]
    public void RFC_v1_checks_flags_then_the_handler_and_has_no_usec_0_shortcut()
    {
        var f = new KernelFixture(KernelAbi.RfcV1);
        var noHandler = f.RunningTask(1);

        Assert.Equal(Errno.EINVAL, f.Kernel.Wait(noHandler, 0, 1)!.Value.Error);
        Assert.Equal(Errno.EOPNOTSUPP, f.Kernel.Wait(noHandler, 0, 0)!.Value.Error);
        var rx = WaitingReceiver(f);
        Assert.Null(f.Kernel.Wait(rx, 0, 0));
    }
}
