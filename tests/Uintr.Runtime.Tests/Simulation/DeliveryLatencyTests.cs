using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The latency statistics: a delivery's hardware latency and a dispatch's latency are measured from the first SENDUIPI
/// that posted the vector. Later posts of a vector that is still pending coalesce with it (PIR, UIRR and the pending word
/// hold one bit per vector), so they do not restart the measurement.
/// </summary>
public class DeliveryLatencyTests
{
    private const int Vector = 5;

    private sealed record Connected(KernelFixture F, SimulatedCore Receiver, SimulatedCore Sender, ulong Index)
    {
        public void Send(long time) => F.Machine.ExecuteSenduipi(Sender, Index, time);

        /// <summary>Sets UIF at <paramref name="time"/>, as STUI would, and runs until the machine is idle.</summary>
        public void OpenAt(long time)
        {
            Receiver.Cpu.State.Uif = true;
            F.Machine.RequestDeliveryCheck(Receiver, time);
            F.RunUntilIdle();
        }
    }

    /// <summary>A receiver on core 0 with the default trampoline and UIF = 0, and a sender on core 1.</summary>
    private static Connected Connect()
    {
        var f = new KernelFixture();
        var rx = f.RunningTask(0, "rx");
        MachineSetup.InitializeUserContext(f.Machine, f.Machine.Cores[0].Cpu.Registers, rx.Tid, 64 * 1024);
        MachineSetup.RegisterDefaultReceiver(f.Machine, rx);
        int fd = (int)f.Kernel.CreateFd(rx, Vector, 0).Value;
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fd, 0).Value;
        f.Machine.Cores[0].Cpu.State.Uif = false;
        return new Connected(f, f.Machine.Cores[0], f.Machine.Cores[1], index);
    }

    [Fact]
    public void A_coalesced_send_does_not_restart_the_latency_of_a_vector_posted_at_cycle_0()
    {
        var c = Connect();
        c.Send(0);
        c.Send(1);   // ON is still set: the post coalesces in PIR
        c.F.RunUntilIdle();
        Assert.Equal(1UL << Vector, c.Receiver.Cpu.State.Uirr);

        long open = c.F.Machine.Now + 10_000;
        c.OpenAt(open);

        var latency = c.F.Machine.Statistics.HardwareLatency;
        Assert.Equal(1, c.F.Machine.Statistics.Deliveries);
        Assert.Equal(1, latency.Count);
        Assert.Equal(open + c.F.Machine.Timing.DeliveryCycles, latency.Min);
    }

    [Fact]
    public void A_vector_posted_again_while_it_waits_in_UIRR_keeps_its_first_post_time()
    {
        var c = Connect();
        c.Send(0);
        c.F.RunUntilIdle();
        c.Send(c.F.Machine.Now + 1_000);   // a new notification: PIR is folded into UIRR again
        c.F.RunUntilIdle();
        Assert.Equal(2, c.F.Machine.Statistics.Notifications);

        long open = c.F.Machine.Now + 10_000;
        c.OpenAt(open);

        Assert.Equal(1, c.F.Machine.Statistics.Deliveries);
        Assert.Equal(open + c.F.Machine.Timing.DeliveryCycles, c.F.Machine.Statistics.HardwareLatency.Max);
    }

    [Fact]
    public void A_dispatch_measures_from_the_first_post_of_the_deliveries_it_collects_and_each_dispatch_starts_afresh()
    {
        var c = Connect();
        c.Send(0);
        c.F.RunUntilIdle();
        c.OpenAt(c.F.Machine.Now + 1_000);
        long second = c.F.Machine.Now + 5_000;
        c.Send(second);   // UIRET set UIF again: delivered at once, before the first delivery was dispatched
        c.F.RunUntilIdle();
        Assert.Equal(2, c.F.Machine.Statistics.Deliveries);

        Assert.Equal(0, c.F.Machine.TakeDeliveredPostTime(c.Receiver, Vector));
        Assert.Equal(-1, c.F.Machine.TakeDeliveredPostTime(c.Receiver, Vector));

        long third = c.F.Machine.Now + 5_000;
        c.Send(third);
        c.F.RunUntilIdle();
        Assert.Equal(third, c.F.Machine.TakeDeliveredPostTime(c.Receiver, Vector));
    }
}
