using System;
using System.Linq;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// Recognition and delivery at instruction boundaries, as hosted code reaches them: STUI takes effect at the very
/// next boundary (SDM, STUI instruction page), so an interrupt already in UIRR is delivered between STUI and the
/// instruction after it.
/// </summary>
public class InstructionBoundaryTests
{
    [Fact]
    public void STUI_then_CLUI_delivers_an_interrupt_already_in_UIRR_between_the_two()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        var receiver = new TestReceiver(3);
        long deliveredBetween = -1;

        sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            using var s = sim.RegisterSender(r.GetFd(3));
            UserInterrupts.Clui();
            s.Send();
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            Assert.Equal(0, sim.Statistics.Deliveries);

            UserInterrupts.Stui();
            UserInterrupts.Clui();
            deliveredBetween = sim.Statistics.Deliveries;
            Assert.Equal(1, r.Poll());
            UserInterrupts.Stui();
        }).Join();

        Assert.Equal(1, deliveredBetween);
        var flagChanges = sim.Trace.Where(e => e.Kind == SimulationEventKind.FlagChange).ToList();
        long stui = flagChanges[^3].Cycle;
        long clui = flagChanges[^2].Cycle;
        var delivery = Assert.Single(sim.Trace, e => e.Kind == SimulationEventKind.Delivery);
        Assert.InRange(delivery.Cycle, stui + 1, clui);
    }

    [Fact]
    public void The_end_of_a_Mask_scope_opens_a_window_before_the_next_CLUI()
    {
        var sim = UintrPlatform.Simulator();
        var receiver = new TestReceiver(5);
        long deliveredBeforeClui = -1;

        sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            using var s = sim.RegisterSender(r.GetFd(5));
            using (UserInterrupts.Mask())
            {
                s.Send();
                sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            }

            UserInterrupts.Clui();
            deliveredBeforeClui = sim.Statistics.Deliveries;
            UserInterrupts.Stui();
            r.Wait(UintrWaitMode.Spin);
        }).Join();

        Assert.Equal(1, deliveredBeforeClui);
        Assert.Equal(new[] { 5 }, receiver.Handled);
    }
}
