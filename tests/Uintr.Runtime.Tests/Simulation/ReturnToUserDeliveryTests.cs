using System.Linq;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// A user interrupt recognized while its thread runs in the kernel (notification processing happens at any CPL) is
/// delivered when the thread returns to user mode, even when nothing is left in PIR to send the self-IPI for
/// (SDM "User-Interrupt Recognition": delivery needs CPL = 3; switch_uintr_return only re-sends what PIR holds).
/// </summary>
public class ReturnToUserDeliveryTests
{
    [Fact]
    public void A_vector_recognized_during_a_blocking_system_call_is_delivered_on_the_return_to_user_mode()
    {
        var f = new KernelFixture();
        var rx = f.RunningTask(0, "rx");
        var cpu = f.Machine.Cores[0].Cpu;
        MachineSetup.InitializeUserContext(f.Machine, cpu.Registers, rx.Tid, 64 * 1024);
        MachineSetup.RegisterDefaultReceiver(f.Machine, rx);
        int fd = (int)f.Kernel.CreateFd(rx, 5, 0).Value;
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fd, 0).Value;
        ulong word = f.Machine.UserMemory.Allocate(64, 64);

        cpu.UserMode = false;   // rx is inside a system call
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], index, 0);
        f.RunUntilIdle();
        Assert.Equal(1UL << 5, cpu.State.Uirr);
        Assert.Equal(0, f.Machine.Statistics.Deliveries);
        Assert.Null(f.Kernel.FutexWaitOn(rx, word, 0));

        f.Kernel.FutexWakeOn(word, 1, f.Machine.Now + 1_000, f.Machine.Timing.WakeupCycles, f.Machine.Timing.RestoreStepCycles);
        f.RunUntilIdle();

        Assert.Equal(1, f.Machine.Statistics.Deliveries);
        Assert.Equal(0UL, rx.UintrState.Uirr);
        var back = f.Machine.Trace.Single(e => e.Detail.StartsWith("return to user", System.StringComparison.Ordinal));
        var delivery = f.Machine.Trace.Single(e => e.Kind == SimulationEventKind.Delivery);
        Assert.Equal(back.Cycle + f.Machine.Timing.DeliveryCycles, delivery.Cycle);
    }
}
