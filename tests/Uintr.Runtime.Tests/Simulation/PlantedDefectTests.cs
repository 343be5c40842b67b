using System.Linq;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// STUI's delivery window and the boundary between back-to-back deliveries, each with the machine-level defect the
/// schedule explorer's tests plant against it: the explorer's findings mean something only if a planted defect really
/// behaves as described and the unplanted machine does not.
/// </summary>
public class PlantedDefectTests
{
    [Theory]
    [InlineData(false, 900)]
    [InlineData(true, 901)]
    public void STUI_asks_for_a_delivery_check_at_its_own_boundary_unless_the_defect_is_planted(bool planted, long check)
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        var core = f.Machine.Cores[0];
        core.Cpu.PlantedBugs = planted ? PlantedBugs.StuiOpensNoWindow : PlantedBugs.None;
        rx.UintrState.Uirr = 1UL << 5;

        f.Machine.OpenStuiWindow(core, 900);

        Assert.True(f.Machine.Queue.TryDequeue(out var e));
        Assert.Equal((check, ScheduledEventKind.DeliverPending, 0), (e.Time, e.Kind, e.Core));
        Assert.Equal(0, f.Machine.Queue.Count);
    }

    [Fact]
    public void STUI_with_nothing_recognized_asks_for_no_delivery_check()
    {
        var f = new KernelFixture();
        f.Receiver(0, 5);

        f.Machine.OpenStuiWindow(f.Machine.Cores[0], 900);

        Assert.Equal(0, f.Machine.Queue.Count);
    }

    [Theory]
    [InlineData(false, new[] { 7, 63, 3 })]
    [InlineData(true, new[] { 7, 3, 63 })]
    public void A_notification_arriving_during_a_delivery_chain_waits_for_the_chain_only_when_the_defect_is_planted(bool planted, int[] order)
    {
        var f = new KernelFixture();
        var rx = f.RunningTask(0, "rx");
        var rxCpu = f.Machine.Cores[0].Cpu;
        MachineSetup.InitializeUserContext(f.Machine, rxCpu.Registers, rx.Tid, 64 * 1024);
        MachineSetup.RegisterDefaultReceiver(f.Machine, rx);
        var fds = new[] { 3, 7, 63 }.Select(v => (int)f.Kernel.CreateFd(rx, (ulong)v, 0).Value).ToArray();
        var tx = f.RunningTask(1, "tx");
        var index = fds.Select(fd => (ulong)f.Kernel.RegisterSender(tx, fd, 0).Value).ToArray();
        var txCore = f.Machine.Cores[1];
        rxCpu.PlantedBugs = planted ? PlantedBugs.DeliveryChainSkipsRecognition : PlantedBugs.None;
        rxCpu.State.Uif = false;
        f.Machine.ExecuteSenduipi(txCore, index[0], 0);
        f.Machine.ExecuteSenduipi(txCore, index[1], 400);
        f.RunUntilIdle();

        long t = f.Machine.Now + 10_000;
        rxCpu.State.Uif = true;
        f.Machine.RequestDeliveryCheck(f.Machine.Cores[0], t);
        var timing = f.Machine.Timing;
        f.Machine.ExecuteSenduipi(txCore, index[2], t + 200 - timing.SenduipiCycles - timing.IpiFlightCycles);
        f.RunUntilIdle();

        Assert.Equal(order, f.Machine.Trace.Where(e => e.Kind == SimulationEventKind.Delivery).Select(e => e.Vector).ToArray());
        Assert.Equal(0UL, rxCpu.State.Uirr);
    }
}
