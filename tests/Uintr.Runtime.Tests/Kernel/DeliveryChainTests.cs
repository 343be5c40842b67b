using System.Linq;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// Back-to-back deliveries (UIRET sets UIF, so the next recognized vector is delivered at once) still end at an
/// instruction boundary each time; an ordinary interrupt (here a notification) that arrived meanwhile is acknowledged
/// there first, because it has the higher priority (SDM "User Interrupt Recognition and Delivery").
/// </summary>
public class DeliveryChainTests
{
    [Fact]
    public void A_notification_arriving_during_a_delivery_chain_is_processed_at_the_next_boundary()
    {
        var f = new KernelFixture();
        var rx = f.RunningTask(0, "rx");
        MachineSetup.InitializeUserContext(f.Machine, f.Machine.Cores[0].Cpu.Registers, rx.Tid, 64 * 1024);
        MachineSetup.RegisterDefaultReceiver(f.Machine, rx);
        var fds = new[] { 3, 7, 63 }.Select(v => (int)f.Kernel.CreateFd(rx, (ulong)v, 0).Value).ToArray();
        var tx = f.RunningTask(1, "tx");
        var index = fds.Select(fd => (ulong)f.Kernel.RegisterSender(tx, fd, 0).Value).ToArray();
        var txCore = f.Machine.Cores[1];
        var rxCpu = f.Machine.Cores[0].Cpu;

        // 3 and 7 reach UIRR while UIF = 0.
        rxCpu.State.Uif = false;
        f.Machine.ExecuteSenduipi(txCore, index[0], 0);
        f.Machine.ExecuteSenduipi(txCore, index[1], 400);
        f.RunUntilIdle();
        Assert.Equal((1UL << 3) | (1UL << 7), rxCpu.State.Uirr);

        // STUI at T: 7 is delivered first; the notification for 63 lands while its trampoline runs.
        long t = f.Machine.Now + 10_000;
        rxCpu.State.Uif = true;
        f.Machine.RequestDeliveryCheck(f.Machine.Cores[0], t);
        var timing = f.Machine.Timing;
        f.Machine.ExecuteSenduipi(txCore, index[2], t + 200 - timing.SenduipiCycles - timing.IpiFlightCycles);
        f.RunUntilIdle();

        var delivered = f.Machine.Trace.Where(e => e.Kind == SimulationEventKind.Delivery).Select(e => e.Vector).ToArray();
        Assert.Equal(new[] { 7, 63, 3 }, delivered);
    }
}
