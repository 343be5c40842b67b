using Uintr.Simulation;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>The planted uintr_wait bugs the explorer must find change exactly the behaviour they name, and nothing else.</summary>
public class PlantedWaitBugTests
{
    private const ulong Handler = 0x0000_7000_0000_1000;

    private static (SimulatedMachine Machine, SimTask Rx, SimTask Tx) Pair(PlantedBugs bugs)
    {
        var machine = new SimulatedMachine(new SimulatorOptions { Cores = 2 }, UintrTiming.SapphireRapids, new KernelOptions(KernelAbi.RfcV1, PlantedBugs: bugs));
        machine.Memory.Map(Handler, SimulatedMemory.PageSize);
        var kernel = machine.Kernel;
        var process = kernel.CreateProcess();
        var rx = kernel.CreateTask(process, "rx");
        MachineSetup.Place(machine, rx, 0);
        Assert.False(kernel.RegisterHandler(rx, Handler, 0).Failed);
        int fd = (int)kernel.CreateFd(rx, 5, 0).Value;
        var tx = kernel.CreateTask(process, "tx");
        MachineSetup.Place(machine, tx, 1);
        Assert.False(kernel.RegisterSender(tx, fd, 0).Failed);
        return (machine, rx, tx);
    }

    [Fact]
    public void MaskedWaitReturnsAtOnce_makes_uintr_wait_return_EINTR_while_UIRR_holds_an_interrupt_and_only_then()
    {
        var (machine, rx, _) = Pair(PlantedBugs.MaskedWaitReturnsAtOnce);
        Assert.Null(machine.Kernel.Wait(rx, 0, 0));   // UIRR empty: it sleeps as the kernel does

        var (masked, rx2, _) = Pair(PlantedBugs.MaskedWaitReturnsAtOnce);
        rx2.Cpu!.State.Uirr = 1UL << 5;   // recognized but not deliverable: UIF is 0
        var result = masked.Kernel.Wait(rx2, 0, 0);

        Assert.Equal(Errno.EINTR, result!.Value.Error);
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(Upid.ReadControl(masked.Memory, rx2.Receiver!.UpidAddress)));
    }

    [Fact]
    public void WaitSkipsPendingCheck_makes_uintr_wait_sleep_on_a_post_already_in_PIR()
    {
        var (machine, rx, tx) = Pair(PlantedBugs.WaitSkipsPendingCheck);
        Senduipi.Execute(tx.Cpu!, 0);

        Assert.Null(machine.Kernel.Wait(rx, 0, 0));
        Assert.True(machine.Kernel.IsBlocked(rx));
    }
}
