using System;
using System.Linq;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>Wait(Block) is uintr_wait: what the kernel does with a pending but masked interrupt.</summary>
public class BlockingWaitTests
{
    /// <summary>
    /// uintr_receiver_wait (intel/uintr-linux-kernel, arch/x86/kernel/uintr_core.c at 2100ffbe; uintr.c at fed8dc12)
    /// never looks at UIRR: with UIF = 0 an interrupt already in UIRR cannot be delivered, so the task sleeps until a new
    /// post wakes it or the time-out passes. It does not return EINTR at once, over and over.
    /// </summary>
    [Fact]
    public void A_masked_interrupt_in_UIRR_does_not_end_uintr_wait_so_the_wait_sleeps_once()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        var receiver = new TestReceiver(3);
        int ran = -1;

        sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            using var s = sim.RegisterSender(r.GetFd(3));
            UserInterrupts.Clui();
            s.Send();
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            ran = r.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(100));
            UserInterrupts.Stui();
            Assert.Equal(1, r.Poll());
        }).Join();

        Assert.Equal(0, ran);
        int waits = sim.Trace.Count(e => e.Kind == SimulationEventKind.Syscall && e.Detail.StartsWith("uintr_wait", StringComparison.Ordinal));
        Assert.Equal(1, waits);
    }

    [Fact]
    public void A_masked_Wait_Block_without_a_timeout_and_without_senders_is_reported_as_a_deadlock()
    {
        var sim = UintrPlatform.Simulator();
        var receiver = new TestReceiver(3);
        Exception? caught = null;

        var thread = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            using var s = sim.RegisterSender(r.GetFd(3));
            UserInterrupts.Clui();
            s.Send();
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            caught = Record.Exception(() => r.Wait(UintrWaitMode.Block));
            UserInterrupts.Stui();
        });

        // The joining thread waits too, so the deadlock report reaches it as well.
        Assert.Throws<InvalidOperationException>(thread.Join);
        thread.Join();
        var deadlock = Assert.IsType<InvalidOperationException>(caught);
        Assert.Contains("deadlock", deadlock.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// uintr-next: a thread blocked in uintr_wait (switched out, its state in the XSAVE image) when its process gets its
    /// first sender can still send through the process's UITT afterwards.
    /// </summary>
    [Fact]
    public void uintr_next_a_thread_blocked_when_the_process_gets_its_UITT_can_send_after_waking()
    {
        // 'a' waits in slices of 50 us until its interrupt comes, which takes under 0.25 ms: if it never came,
        // the default minute of simulated time would be over a million slices.
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, TimeLimit = TimeSpan.FromMilliseconds(1) });
        var receiverA = new TestReceiver(1);
        var receiverB = new TestReceiver(2);
        UintrFd? fdA = null;
        UintrSender? toB = null;
        bool bHandled = false;

        var a = sim.StartThread("a", () =>
        {
            using var r = receiverA.Register(sim);
            fdA = r.GetFd(1);
            while (r.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(50)) == 0)
            {
            }

            toB!.Send();
        });
        var b = sim.StartThread("b", () =>
        {
            using var r = receiverB.Register(sim);
            sim.SpinUntil(() => fdA is not null);
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20));
            using var toA = sim.RegisterSender(fdA!);
            toB = sim.RegisterSender(r.GetFd(2));
            toA.Send();
            Assert.Equal(1, r.Wait(UintrWaitMode.Spin, TimeSpan.FromMilliseconds(1)));
            bHandled = true;
        });
        a.Join();
        b.Join();

        Assert.True(bHandled);
        Assert.Equal(new[] { 2 }, receiverB.Handled);
    }
}
