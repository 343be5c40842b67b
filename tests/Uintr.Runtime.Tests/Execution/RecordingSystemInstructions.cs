using System.Collections.Generic;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;

namespace Uintr.Runtime.Tests.Execution;

/// <summary>
/// A test double of the architecture layer: UIRET pops RIP, RFLAGS and RSP exactly as
/// docs/uintr-reference.md section 7 says; the other instructions record their calls.
/// </summary>
internal sealed class RecordingSystemInstructions : ISystemInstructions
{
    public const long UiretCycles = 60;
    public const long CluiCycles = 2;
    public const long StuiCycles = 32;
    public const long TestuiCycles = 3;
    public const long SenduipiCycles = 383;
    public const long SyscallCycles = 150;

    private readonly SimulatedMemory _memory;

    public RecordingSystemInstructions(SimulatedMemory memory) => _memory = memory;

    public bool UserInterruptFlag { get; set; }

    public List<string> Calls { get; } = new();

    public List<ulong> SentIndices { get; } = new();

    /// <summary>RIP as the SYSCALL implementation saw it (the CPU saves it into RCX).</summary>
    public ulong RipSeenBySyscall { get; private set; }

    /// <summary>RAX, RDI, RSI, RDX of every SYSCALL (number and first three arguments).</summary>
    public List<(ulong Number, ulong Arg0, ulong Arg1, ulong Arg2)> Syscalls { get; } = new();

    public long Uiret(RegisterFile registers)
    {
        Calls.Add("UIRET");
        ulong rsp = registers.Rsp;
        ulong rip = _memory.ReadUInt64(rsp);
        ulong rflags = _memory.ReadUInt64(rsp + 8);
        ulong oldRsp = _memory.ReadUInt64(rsp + 16);
        registers.Rip = rip;
        registers.Rflags = (registers.Rflags & ~Rflags.UiretMask) | (rflags & Rflags.UiretMask);
        registers.Rsp = oldRsp;
        UserInterruptFlag = true;
        return UiretCycles;
    }

    public long Clui()
    {
        Calls.Add("CLUI");
        UserInterruptFlag = false;
        return CluiCycles;
    }

    public long Stui()
    {
        Calls.Add("STUI");
        UserInterruptFlag = true;
        return StuiCycles;
    }

    public long Testui(RegisterFile registers)
    {
        Calls.Add("TESTUI");
        ulong flags = registers.Rflags & ~(Rflags.CF | Rflags.ZF | Rflags.AF | Rflags.OF | Rflags.PF | Rflags.SF);
        registers.Rflags = UserInterruptFlag ? flags | Rflags.CF : flags;
        return TestuiCycles;
    }

    public long Senduipi(ulong index)
    {
        Calls.Add("SENDUIPI");
        SentIndices.Add(index);
        return SenduipiCycles;
    }

    public long Syscall(RegisterFile registers)
    {
        Calls.Add("SYSCALL");
        RipSeenBySyscall = registers.Rip;
        Syscalls.Add((registers[Gpr.Rax], registers[Gpr.Rdi], registers[Gpr.Rsi], registers[Gpr.Rdx]));
        registers[Gpr.Rcx] = registers.Rip;
        registers[Gpr.R11] = registers.Rflags;
        registers[Gpr.Rax] = 0;
        return SyscallCycles;
    }
}
