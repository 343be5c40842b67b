using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

public class ContextSwitchTests
{
    /// <summary>Sender on core 1 connected to a receiver task on core 0 through vector 5.</summary>
    private static (KernelFixture F, SimTask Rx, SimTask Tx) Pair(RestoreOrder order = RestoreOrder.ClearSuppressThenReadPir)
    {
        var f = new KernelFixture(restore: order);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        return (f, rx, tx);
    }

    [Fact]
    public void Switch_out_sets_SN_saves_the_component_and_clears_UINV()
    {
        var (f, rx, _) = Pair();
        rx.UintrState.Uirr = 1UL << 9;
        rx.UintrState.Uif = true;
        var cpu = f.Machine.Cores[0].Cpu;

        f.Kernel.SwitchOut(rx);

        Assert.Equal(Upid.Sn, f.Control(rx) & Upid.Sn);
        Assert.Equal(0, cpu.State.Uinv);
        Assert.False(cpu.UserMode);
        var mem = f.Machine.Memory;
        Assert.Equal(KernelFixture.Handler, mem.ReadUInt64(rx.XsaveArea));
        Assert.Equal(128UL, mem.ReadUInt64(rx.XsaveArea + 8));
        ulong misc = mem.ReadUInt64(rx.XsaveArea + 16);
        Assert.Equal(0xEC, (int)((misc >> 32) & 0xFF));
        Assert.Equal(1UL << 63, misc & (1UL << 63));
        Assert.Equal(rx.Receiver!.UpidAddress, mem.ReadUInt64(rx.XsaveArea + 24));
        Assert.Equal(1UL << 9, mem.ReadUInt64(rx.XsaveArea + 32));
    }

    [Fact]
    public void XRSTORS_with_UINV_set_raises_GP()
    {
        var (f, rx, _) = Pair();
        var cpu = f.Machine.Cores[0].Cpu;
        XsaveUintrComponent.Save(cpu, rx.XsaveArea);
        cpu.State.Uinv = 0xEC;

        var fault = Assert.Throws<ArchitecturalFault>(() => XsaveUintrComponent.Restore(cpu, rx.XsaveArea));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal("XRSTORS", fault.Instruction);
    }

    [Fact]
    public void A_send_while_switched_out_posts_without_notifying_and_is_folded_on_return()
    {
        var (f, rx, tx) = Pair();
        f.Kernel.SwitchOut(rx);

        var result = Senduipi.Execute(tx.Cpu!, 0);

        Assert.False(result.SendNotification);
        Assert.Equal(1UL << 5, f.Pir(rx));
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now, 40);
        f.RunUntilIdle();
        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(0UL, f.Control(rx) & Upid.Sn);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
        Assert.True(f.Machine.Cores[0].Cpu.UserMode);
    }

    [Fact]
    public void Migration_points_NDST_at_the_new_core()
    {
        var (f, rx, tx) = Pair();
        f.Kernel.SwitchOut(rx);
        var newCpu = f.Machine.Cores[3].Cpu;

        f.Kernel.ReturnToUser(rx, newCpu, f.Machine.Now, 40);
        f.RunUntilIdle();

        Assert.Equal(newCpu.ApicId, Upid.Ndst(f.Control(rx)));
        var result = Senduipi.Execute(tx.Cpu!, 0);
        Assert.True(result.SendNotification);
        Assert.Equal(newCpu.ApicId, result.DestinationApicId);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_send_between_the_two_restore_steps_is_kept_only_in_the_reviewed_order(bool reviewedOrder, bool delivered)
    {
        var (f, rx, tx) = Pair(reviewedOrder ? RestoreOrder.ClearSuppressThenReadPir : RestoreOrder.ReadPirThenClearSuppress);
        var cpu = f.Machine.Cores[0].Cpu;
        f.Kernel.SwitchOut(rx);
        f.Kernel.ReturnToUser(rx, cpu, 1000, 40);

        // Run the XRSTORS step and the first re-arm step, then send, then the rest.
        RunEventsUpTo(f, 1040);
        var send = Senduipi.Execute(tx.Cpu!, 0);
        if (send.SendNotification)
        {
            f.ArriveAt(0, send.NotificationVector, 1100);
        }

        f.RunUntilIdle();

        bool recognized = rx.UintrState.Uirr != 0 || f.Machine.Statistics.Deliveries > 0;
        Assert.Equal(delivered, recognized);
        if (!delivered)
        {
            // Lost: the vector sits in PIR with ON clear and SN clear, and nothing will ever notify the receiver.
            Assert.Equal(1UL << 5, f.Pir(rx));
            Assert.Equal(0UL, f.Control(rx) & (Upid.On | Upid.Sn));
        }
    }

    private static void RunEventsUpTo(KernelFixture f, long time)
    {
        while (f.Machine.Queue.TryPeekTime(out long next) && next <= time)
        {
            f.Machine.Queue.TryDequeue(out var e);
            f.Machine.Now = e.Time;
            f.Machine.Process(e);
        }
    }

    [Fact]
    public void uintr_wait_blocks_and_a_send_wakes_the_task_through_the_kernel_with_EINTR()
    {
        var (f, rx, tx) = Pair();
        var cpu = f.Machine.Cores[0].Cpu;

        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        Assert.True(f.Kernel.IsBlocked(rx));
        Assert.Equal(KernelConstants.BlockedWaitVector, Upid.Nv(f.Control(rx)));
        Assert.Equal(0UL, f.Control(rx) & Upid.Sn);

        var send = Senduipi.Execute(tx.Cpu!, 0);
        Assert.True(send.SendNotification);
        Assert.Equal(KernelConstants.BlockedWaitVector, send.NotificationVector);
        f.ArriveAt(0, send.NotificationVector, f.Machine.Now + 500);
        f.RunUntilIdle();

        Assert.False(f.Kernel.IsBlocked(rx));
        Assert.Equal(Errno.EINTR, rx.WakeResult.Error);
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(f.Control(rx)));
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
        Assert.Contains(f.Machine.Trace, e => e.Kind == SimulationEventKind.Interrupt && e.Vector == KernelConstants.BlockedWaitVector && e.Detail.Contains("kernel wakes rx"));
    }

    [Fact]
    public void uintr_wait_with_a_post_still_in_PIR_returns_EINTR_at_once()
    {
        var (f, rx, tx) = Pair();
        Senduipi.Execute(tx.Cpu!, 0);

        var result = f.Kernel.Wait(rx, 0, 0);

        Assert.NotNull(result);
        Assert.Equal(Errno.EINTR, result!.Value.Error);
    }

    [Fact]
    public void uintr_wait_with_a_masked_interrupt_in_UIRR_sleeps()
    {
        var (f, rx, tx) = Pair();
        f.Kernel.SwitchOut(rx);
        Senduipi.Execute(tx.Cpu!, 0);
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now, 40);
        f.RunUntilIdle();
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
        Assert.False(rx.UintrState.Uif);

        var result = f.Kernel.Wait(rx, 0, 0);

        Assert.Null(result);
        Assert.True(f.Kernel.IsBlocked(rx));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Other_blocking_syscalls_end_with_EINTR_only_when_configured(bool interruptBlockingSyscalls, bool woken)
    {
        var f = new KernelFixture(interruptBlockingSyscalls: interruptBlockingSyscalls);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);

        Assert.Null(f.Kernel.BlockInSyscall(rx));
        var send = Senduipi.Execute(tx.Cpu!, 0);
        if (send.SendNotification)
        {
            f.ArriveAt(0, send.NotificationVector, f.Machine.Now + 500);
        }

        f.RunUntilIdle();

        Assert.Equal(!woken, f.Kernel.IsBlocked(rx));
        Assert.Equal(woken, send.SendNotification);
        Assert.Equal(1UL << 5, f.Pir(rx) | f.Kernel.ReadTaskMsr(rx, UintrMsr.Rr));
    }
}
