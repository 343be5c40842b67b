using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// Flexible UIRET (CPUID.(7,1):EDX[17]) is reachable through <see cref="SimulatorOptions.FlexibleUiret"/>: a handler that
/// clears bit 1 of the RFLAGS image it returns through comes back with UIF = 0 on such a processor, and with UIF = 1 on
/// one without the extension.
/// </summary>
public class FlexibleUiretTests
{
    /// <summary>add rsp, 8 (drop the vector); and qword [rsp+8], ~2 (clear RFLAGS bit 1 in the frame); uiret.</summary>
    private static readonly byte[] MaskingHandler =
    {
        0x48, 0x83, 0xC4, 0x08,
        0x48, 0x83, 0x64, 0x24, 0x08, 0xFD,
        0xF3, 0x0F, 0x01, 0xEC,
    };

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void UIRET_takes_UIF_from_the_popped_RFLAGS_only_with_the_extension(bool flexible, bool uifAfter)
    {
        var machine = new SimulatedMachine(new SimulatorOptions { Cores = 2, FlexibleUiret = flexible }, UintrTiming.SapphireRapids);
        var kernel = machine.Kernel;
        var process = kernel.CreateProcess();
        var rx = kernel.CreateTask(process, "rx");
        MachineSetup.Place(machine, rx, 0);
        MachineSetup.InitializeUserContext(machine, machine.Cores[0].Cpu.Registers, rx.Tid, 64 * 1024);
        ulong handler = machine.UserMemory.Allocate(4096, 4096);
        machine.Memory.Write(handler, MaskingHandler);
        MachineSetup.Check(kernel.RegisterHandler(rx, handler, 0));
        rx.UintrState.Uif = true;
        int fd = (int)MachineSetup.Check(kernel.CreateFd(rx, 4, 0));
        var tx = kernel.CreateTask(process, "tx");
        MachineSetup.Place(machine, tx, 1);
        ulong index = (ulong)MachineSetup.Check(kernel.RegisterSender(tx, fd, 0));

        machine.ExecuteSenduipi(machine.Cores[1], index, 0);
        while (machine.Queue.TryDequeue(out var e))
        {
            machine.Now = System.Math.Max(machine.Now, e.Time);
            machine.Process(e);
        }

        Assert.Equal(1, machine.Statistics.Deliveries);
        Assert.Equal(flexible, machine.Cores[0].Cpu.CpuidFlexibleUiret);
        Assert.Equal(uifAfter, machine.Cores[0].Cpu.State.Uif);
    }
}
