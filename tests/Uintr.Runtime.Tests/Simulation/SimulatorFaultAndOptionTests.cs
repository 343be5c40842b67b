using System;
using System.Linq;

namespace Uintr.Runtime.Tests.Simulation;

public class SimulatorFaultAndOptionTests
{
    [Fact]
    public void A_GP_during_delivery_surfaces_in_the_receiving_thread_as_UintrFaultException()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        UintrFaultException? fault = null;
        sim.StartThread("rx", () =>
        {
            using var r = new TestReceiver(3).Register(sim);
            using var s = sim.RegisterSender(r.GetFd(3));

            // Corrupt IA32_UINTR_HANDLER behind the kernel's back: delivery must raise #GP (not canonical).
            sim.Host.Current().Core.Cpu.State.Handler = 0x0000_8000_0000_0000;
            s.Send();
            fault = Assert.Throws<UintrFaultException>(() => r.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(5)));
        }).Join();

        Assert.Equal(UintrFault.GeneralProtection, fault!.Fault);
        Assert.Contains("not canonical", fault.Reason);
        Assert.Equal("SIGSEGV", fault.Signal);
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Fault);
    }

    [Fact]
    public void With_the_uintr_next_ABI_the_UITT_is_per_process_so_another_thread_can_send_with_the_index()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext });
        var receiver = new TestReceiver(6);
        UintrSender? sender = null;
        bool sent = false;
        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            sender = sim.RegisterSender(r.GetFd(6));
            Assert.Equal(1, r.Wait(UintrWaitMode.Spin));
            sim.SpinUntil(() => sent);
            sender.Dispose();
        });
        sim.StartThread("other", () =>
        {
            sim.SpinUntil(() => sender is not null);
            sender!.Send();
            sent = true;
        }).Join();
        rx.Join();

        Assert.Equal(new[] { 6 }, receiver.Handled);
    }

    [Fact]
    public void Ordinary_interrupts_are_taken_before_a_user_interrupt_of_the_same_cycle()
    {
        var f = new Kernel.KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        rx.UintrState.Uif = true;
        f.Machine.Memory.Map(Kernel.KernelFixture.Handler, 4096);
        f.Machine.Memory.Write(Kernel.KernelFixture.Handler, DefaultTrampoline());
        Uintr.Simulation.Architecture.Senduipi.Execute(tx.Cpu!, 0);
        f.Machine.Cores[0].Cpu.Registers.Rsp = 0x7000_0000_9000;
        f.Machine.Memory.Map(0x7000_0000_0000, 0x10000);

        f.ArriveAt(0, 0xEC, 1000);   // the notification, enqueued first
        f.ArriveAt(0, 0x30, 1000);   // an ordinary device interrupt of the same cycle
        f.RunUntilIdle();

        var kinds = f.Machine.Trace.Where(e => e.Cycle >= 1000).Select(e => e.Kind).ToArray();
        Assert.Equal(SimulationEventKind.Interrupt, kinds[0]);
        var delivery = f.Machine.Trace.Single(e => e.Kind == SimulationEventKind.Delivery);
        Assert.True(delivery.Cycle >= 1000 + Uintr.Simulation.Timing.UintrTiming.SapphireRapids.KernelInterruptCycles, "the delivery waits for the kernel's handler");
    }

    [Fact]
    public void xAPIC_mode_refuses_more_cores_than_8_bit_APIC_IDs_can_name()
    {
        var error = Assert.Throws<ArgumentException>(() => UintrPlatform.Simulator(new SimulatorOptions { Cores = 129, X2Apic = false }));

        Assert.Contains("8-bit APIC IDs", error.Message);
        Assert.NotNull(UintrPlatform.Simulator(new SimulatorOptions { Cores = 128, X2Apic = false }));
    }

    [Fact]
    public void In_xAPIC_mode_notifications_still_reach_the_right_core()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { X2Apic = false });
        var receiver = new TestReceiver(7);
        UintrFd? fd = null;
        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            fd = r.GetFd(7);
            r.Wait(UintrWaitMode.Spin);
        });
        sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var s = sim.RegisterSender(fd!);
            s.Send();
        }).Join();
        rx.Join();

        Assert.Equal(new[] { 7 }, receiver.Handled);
        Assert.Equal(1360, sim.Statistics.HardwareLatency.Mean);
    }

    private static byte[] DefaultTrampoline() =>
        Uintr.Simulation.Hosting.DefaultTrampoline.Image.Link(_ => 0x7000_0000_F000);
}
