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
}
