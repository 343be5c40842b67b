using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// An ordinary interrupt keeps its core busy for the kernel's handler, and a core with nothing to run (the core of a
/// thread asleep in uintr_wait) first leaves its C-state (<c>KernelTiming.IdleExitCycles</c>).
/// </summary>
public class IdleCoreInterruptTests
{
    private const long Arrival = 1_000;

    [Theory]
    [InlineData(false, false, true)]    // idle: no task, not in user mode
    [InlineData(true, true, false)]     // running user code
    [InlineData(true, false, false)]    // a task in the kernel
    public void An_interrupt_to_an_idle_core_pays_the_idle_exit_first(bool hasTask, bool userMode, bool idle)
    {
        var f = new KernelFixture();
        if (hasTask)
        {
            f.RunningTask(2);
        }

        var core = f.Machine.Cores[2];
        core.Cpu.UserMode = userMode;

        f.Machine.Process(new ScheduledEvent(Arrival, ScheduledEventKind.IpiArrival, 2, 0x30, null, 0));

        var timing = f.Machine.Timing;
        Assert.True(timing.Kernel.IdleExitCycles > 0);
        Assert.Equal(Arrival + timing.KernelInterruptCycles + (idle ? timing.Kernel.IdleExitCycles : 0), core.BusyUntil);
    }

    [Fact]
    public void A_receiver_asleep_in_uintr_wait_leaves_its_core_idle_so_its_wake_up_interrupt_pays_the_idle_exit()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        var core = f.Machine.Cores[0];

        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        Assert.Null(core.Task);
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, Arrival);
        Assert.True(f.Machine.Queue.TryDequeue(out var ipi));
        Assert.Equal(KernelConstants.BlockedWaitVector, ipi.Vector);
        f.Machine.Process(ipi);

        var timing = f.Machine.Timing;
        Assert.Equal(ipi.Time + timing.KernelInterruptCycles + timing.Kernel.IdleExitCycles, core.BusyUntil);
    }

    [Fact]
    public void A_task_switched_out_of_another_core_does_not_take_the_current_task_away()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        var other = f.RunningTask(1, "other");
        IKernelHost host = f.Machine;

        host.SwitchedOut(rx, f.Machine.Cores[1].Cpu);

        Assert.Same(other, f.Machine.Cores[1].Task);
        Assert.Same(rx, f.Machine.Cores[0].Task);
    }
}
