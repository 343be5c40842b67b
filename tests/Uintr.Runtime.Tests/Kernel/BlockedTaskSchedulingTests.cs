using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using static Uintr.Runtime.Tests.Kernel.SchedulerFixture;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>A task that blocks gives its core to the next task; a woken task queues for a core again.</summary>
public class BlockedTaskSchedulingTests
{
    [Fact]
    public void A_task_blocked_in_uintr_wait_gives_its_core_away_and_when_a_send_wakes_it_waits_in_the_run_queue_for_the_next_tick()
    {
        var s = new SchedulerFixture(managedCores: 1);
        var (rx, fd) = s.SwitchedOutReceiver("rx", 5);
        var other = s.SwitchedOutTask("other");
        var tx = s.F.RunningTask(1, "tx");
        Assert.False(s.Kernel.RegisterSender(tx, fd, 0).Failed);
        s.Scheduler.Admit(rx, 0, 0);
        s.Scheduler.Admit(other, 0, 0);
        s.Scheduler.Start(0);
        s.RunUntil(1_000);

        s.F.Machine.Now = 2_000;
        Assert.Null(s.Kernel.Wait(rx, 0, 0));
        s.RunUntil(2_000 + Switch + ReturnPath);

        Assert.Same(other, s.Scheduler.CurrentOn(0));
        Assert.Contains((other, 0, 2_000 + Switch + ReturnPath), s.Returns);

        var send = Senduipi.Execute(tx.Cpu!, 0);
        Assert.Equal(KernelConstants.BlockedWaitVector, send.NotificationVector);
        s.F.ArriveAt(0, send.NotificationVector, 3_000);
        s.RunUntil(Slice - 1);

        Assert.Equal(TaskRunState.Runnable, rx.RunState);   // woken, but the core is still the other task's
        Assert.Same(other, s.Scheduler.CurrentOn(0));
        Assert.DoesNotContain(s.Returns, r => r.Task == rx && r.Time > 1_000);

        s.RunUntil(Slice + Switch + ReturnPath);
        Assert.Contains((rx, 0, Slice + Switch + ReturnPath), s.Returns);
        Assert.Equal(Errno.EINTR, rx.WakeResult.Error);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
    }

    [Fact]
    public void When_the_only_task_of_a_core_blocks_the_core_idles_and_runs_the_task_again_as_soon_as_it_is_woken()
    {
        var s = new SchedulerFixture(managedCores: 1);
        var (rx, fd) = s.SwitchedOutReceiver("rx", 5);
        var tx = s.F.RunningTask(1, "tx");
        Assert.False(s.Kernel.RegisterSender(tx, fd, 0).Failed);
        s.Scheduler.Admit(rx, 0, 0);
        s.RunUntil(1_000);

        s.F.Machine.Now = 2_000;
        Assert.Null(s.Kernel.Wait(rx, 0, 0));
        Assert.Null(s.Scheduler.CurrentOn(0));

        var send = Senduipi.Execute(tx.Cpu!, 0);
        s.F.ArriveAt(0, send.NotificationVector, 3_000);
        s.RunUntil(Slice);   // no timer tick is armed: only the wake-up can bring the task back

        Assert.Equal(TaskRunState.Running, rx.RunState);
        Assert.Same(rx, s.Scheduler.CurrentOn(0));
        Assert.Equal(2, s.Returns.FindAll(r => r.Task == rx).Count);
        Assert.Equal(Errno.EINTR, rx.WakeResult.Error);
    }

    [Fact]
    public void A_task_on_a_core_the_scheduler_does_not_manage_blocks_and_wakes_on_that_core()
    {
        var s = new SchedulerFixture(managedCores: 2);
        var a = s.SwitchedOutTask("a");
        s.Scheduler.Admit(a, 0, 0);
        var (rx, fds) = s.F.Receiver(2, 5);
        var tx = s.F.RunningTask(3, "tx");
        Assert.False(s.Kernel.RegisterSender(tx, fds[0], 0).Failed);
        s.RunUntil(1_000);

        s.F.Machine.Now = 1_000;
        Assert.Null(s.Kernel.Wait(rx, 0, 0));
        var send = Senduipi.Execute(tx.Cpu!, 0);
        s.F.ArriveAt(2, send.NotificationVector, 2_000);
        s.RunUntil(3 * Slice);

        Assert.Equal(TaskRunState.Running, rx.RunState);
        Assert.Same(s.F.Machine.Cores[2].Cpu, rx.Cpu);
        Assert.Same(a, s.Scheduler.CurrentOn(0));
        Assert.Null(s.Scheduler.CurrentOn(1));
        Assert.Equal(0, s.Scheduler.Migrations);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
    }

    /// <summary>
    /// uintr-next (arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12): without UINTR_HANDLER_FLAG_WAITING_RECEIVER
    /// uintr_wait only sleeps; switch_uintr_prepare sets SN as for any switch-out, so a send does not notify and only the
    /// timer ends the wait.
    /// </summary>
    [Fact]
    public void uintr_next_a_sleeper_without_the_waiting_flag_gives_its_core_away_and_a_send_does_not_notify()
    {
        var s = new SchedulerFixture(managedCores: 1, KernelAbi.UintrNext);
        var (rx, fd) = s.SwitchedOutReceiver("rx", 5);
        var other = s.SwitchedOutTask("other");
        var tx = s.F.RunningTask(1, "tx");
        Assert.False(s.Kernel.RegisterSender(tx, fd, 0).Failed);
        s.Scheduler.Admit(rx, 0, 0);
        s.Scheduler.Admit(other, 0, 0);
        s.RunUntil(1_000);

        s.F.Machine.Now = 2_000;
        Assert.Null(s.Kernel.Wait(rx, 1_000, 0));

        Assert.True(s.Kernel.IsBlocked(rx));
        Assert.Equal(Upid.Sn, s.F.Control(rx) & Upid.Sn);
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(s.F.Control(rx)));
        s.RunUntil(2_000 + Switch + ReturnPath);
        Assert.Same(other, s.Scheduler.CurrentOn(0));
        Assert.Contains((other, 0, 2_000 + Switch + ReturnPath), s.Returns);
        Assert.False(Senduipi.Execute(tx.Cpu!, 0).SendNotification);
        Assert.True(s.Kernel.IsBlocked(rx));
    }
}
