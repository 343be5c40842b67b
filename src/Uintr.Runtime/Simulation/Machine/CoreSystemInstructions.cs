using System;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using Uintr.Simulation.Kernel;

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
        var core = _machine.Cores[_core];
        _machine.ExecuteSenduipi(core, index, core.TrampolineEntryTime);
        return _machine.Timing.SenduipiCycles;
    }

    /// <summary>
    /// SYSCALL: RCX = return RIP, R11 = RFLAGS, as the instruction does; the result goes to RAX. The simulated kernel
    /// serves futex(FUTEX_WAKE) (the trampoline's waiter wake-up); any other number returns -ENOSYS, as Linux does
    /// for an unknown one.
    /// </summary>
    public long Syscall(RegisterFile registers)
    {
        long cycles = _machine.Timing.SyscallCycles;
        long result = -(long)Errno.ENOSYS;
        int operation = (int)registers[Gpr.Rsi] & ~UintrKernel.FutexPrivateFlag;
        if (registers[Gpr.Rax] == UintrKernel.FutexSyscallNumber && operation == UintrKernel.FutexWake)
        {
            ulong address = registers[Gpr.Rdi];
            int count = (int)Math.Min(registers[Gpr.Rdx] & 0xFFFF_FFFF, int.MaxValue);
            var core = _machine.Cores[_core];
            long now = core.TrampolineEntryTime;
            int woken = _machine.Kernel.FutexWakeOn(address, count, now + cycles, _machine.Cost(_machine.Timing.WakeupCycles), _machine.Timing.RestoreStepCycles);
            _machine.Record(now, core, SimulationEventKind.Syscall, -1, $"futex(0x{address:X}, FUTEX_WAKE, {count}) = {woken}");
            result = woken;
        }

        registers[Gpr.Rcx] = registers.Rip;
        registers[Gpr.R11] = registers.Rflags;
        registers[Gpr.Rax] = unchecked((ulong)result);
        return cycles;
    }
}
