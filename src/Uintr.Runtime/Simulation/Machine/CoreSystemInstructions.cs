using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;

namespace Uintr.Simulation.Machine;

/// <summary>Routes the system instructions a trampoline executes on one core to the architecture layer and the machine.</summary>
internal sealed class CoreSystemInstructions : ISystemInstructions
{
    private readonly SimulatedMachine _machine;
    private readonly int _core;

    public CoreSystemInstructions(SimulatedMachine machine, int core)
    {
        _machine = machine;
        _core = core;
    }

    private LogicalProcessor Cpu => _machine.Cores[_core].Cpu;

    public long Uiret(RegisterFile registers)
    {
        Architecture.Uiret.Execute(Cpu);
        return _machine.Timing.UiretCycles;
    }

    public long Clui()
    {
        UifInstructions.Clui(Cpu);
        return _machine.Timing.CluiCycles;
    }

    public long Stui()
    {
        UifInstructions.Stui(Cpu);
        return _machine.Timing.StuiCycles;
    }

    public long Testui(RegisterFile registers)
    {
        UifInstructions.Testui(Cpu);
        return _machine.Timing.TestuiCycles;
    }

    public long Senduipi(ulong index)
    {
        _machine.ExecuteSenduipi(_machine.Cores[_core], index, _machine.Now);
        return _machine.Timing.SenduipiCycles;
    }

    /// <summary>
    /// SYSCALL: RCX = return RIP, R11 = RFLAGS, as the instruction does. The simulated kernel implements no raw
    /// syscall from trampolines yet, so it returns -ENOSYS in RAX as Linux does for an unknown number.
    /// </summary>
    public long Syscall(RegisterFile registers)
    {
        registers[Gpr.Rcx] = registers.Rip;
        registers[Gpr.R11] = registers.Rflags;
        registers[Gpr.Rax] = unchecked((ulong)-(long)Errno.ENOSYS);
        return _machine.Timing.SyscallCycles;
    }
}
