using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The UINTR instructions a trampoline executes act on the processor of the core it runs on, cost their modelled cycles
/// and, for SENDUIPI, post at the cycle the trampoline was entered.
/// </summary>
public class TrampolineSystemInstructionTests
{
    [Fact]
    public void CLUI_STUI_and_TESTUI_act_on_the_UIF_of_their_own_core()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(2, 5);
        f.RunningTask(3, "other").UintrState.Uif = true;
        var cpu = f.Machine.Cores[2].Cpu;
        var timing = f.Machine.Timing;
        var instructions = new CoreSystemInstructions(f.Machine, 2);
        rx.UintrState.Uif = true;

        Assert.Equal(timing.CluiCycles, instructions.Clui());
        Assert.False(cpu.State.Uif);
        Assert.Equal(timing.TestuiCycles, instructions.Testui(cpu.Registers));
        Assert.Equal(0UL, cpu.Registers.Rflags & Rflags.CF);

        Assert.Equal(timing.StuiCycles, instructions.Stui());
        Assert.True(cpu.State.Uif);
        cpu.Registers.Rflags |= Rflags.ZF;
        Assert.Equal(timing.TestuiCycles, instructions.Testui(cpu.Registers));
        Assert.Equal(Rflags.CF, cpu.Registers.Rflags & Rflags.Status);
        Assert.True(f.Machine.Cores[3].Cpu.State.Uif);
    }

    [Fact]
    public void SENDUIPI_posts_at_the_cycle_the_trampoline_was_entered()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.Machine.Cores[1].TrampolineEntryTime = 7_000;

        long cycles = new CoreSystemInstructions(f.Machine, 1).Senduipi(0);

        Assert.Equal(f.Machine.Timing.SenduipiCycles, cycles);
        Assert.Equal(1UL << 5, f.Pir(rx));
        var send = Assert.Single(f.Machine.Trace);
        Assert.Equal(SimulationEventKind.Send, send.Kind);
        Assert.Equal(7_000, send.Cycle);
        Assert.Equal(1, send.Core);
    }
}
