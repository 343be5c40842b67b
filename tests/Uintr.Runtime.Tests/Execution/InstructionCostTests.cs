using System;
using System.Collections.Generic;
using Iced.Intel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using Uintr.Simulation.Timing;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class InstructionCostTests
{
    private static readonly InstructionTiming Timing = InstructionTiming.SapphireRapids;

    public static TheoryData<string, long> Classes => new()
    {
        { "add rax,rcx", Timing.AluRegister },
        { "mov rax,[rbx]", Timing.Load },
        { "mov [rbx],rax", Timing.Store },
        { "mov rcx,imm64", Timing.AluRegister },
        { "lea rax,[rbx+rcx*8+10h]", Timing.Lea },
        { "add rax,[rbx]", Timing.LoadOperate },
        { "cmp qword [rbx],1", Timing.LoadOperate },
        { "add [rbx],rax", Timing.ReadModifyWrite },
        { "inc qword [rbx]", Timing.ReadModifyWrite },
        { "lock inc qword [rbx]", Timing.LockedReadModifyWrite },
        { "lock bts [rbx],rax", Timing.LockedReadModifyWrite },
        { "lock xadd [rbx],rax", Timing.LockedReadModifyWrite },
        { "lock cmpxchg [rbx],rcx", Timing.LockedReadModifyWrite },
        { "xchg [rbx],rax", Timing.LockedReadModifyWrite },
        { "xchg rax,rcx", Timing.ExchangeRegister },
        { "bts [rbx],rax", Timing.BitStringMemory },
        { "bts qword [rbx],3", Timing.ReadModifyWrite },
        { "bt rax,rcx", Timing.AluRegister },
        { "push rax", Timing.Push },
        { "pop rax", Timing.Pop },
        { "pause", Timing.Pause },
        { "nop", Timing.Nop },
        { "jne", Timing.Branch },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_instruction_is_charged_its_timing_class(string form, long expectedCycles)
    {
        var machine = new ExecutionHarness().Load(form == "jne" ? new byte[] { 0x75, 0x00 } : ExecutionHarness.Assemble(Build(form)));
        machine.Registers[Gpr.Rbx] = ExecutionHarness.DataBase;
        machine.Registers[Gpr.Rcx] = 1;
        long charged = -1;
        machine.Interpreter.Trace = entry => charged = entry.Cycles;

        var result = machine.RunToEnd();

        Assert.Equal(1, result.Instructions);
        Assert.Equal(expectedCycles, charged);
        Assert.Equal(expectedCycles, result.Cycles);
    }

    [Fact]
    public void Sapphire_rapids_defaults_match_their_cited_sources()
    {
        Assert.Equal(19, Timing.LockedReadModifyWrite); // uops.info LOCK CMPXCHG m64, r64, Alder Lake-P
        Assert.Equal(140, Timing.Pause);                // Intel optimization manual, Skylake onward
        Assert.Equal(1, Timing.Push);                   // docs/uintr-reference.md section 10
        Assert.Equal(5, Timing.Pop);                    // docs/uintr-reference.md section 10, "about 5-6"
        Assert.Equal(5, Timing.Load);
    }

    private static Action<Assembler> Build(string form) => form switch
    {
        "add rax,rcx" => a => a.add(rax, rcx),
        "mov rax,[rbx]" => a => a.mov(rax, __qword_ptr[rbx]),
        "mov [rbx],rax" => a => a.mov(__qword_ptr[rbx], rax),
        "mov rcx,imm64" => a => a.mov(rcx, 0x1234_5678_9ABC_DEF0UL),
        "lea rax,[rbx+rcx*8+10h]" => a => a.lea(rax, __[rbx + rcx * 8 + 0x10]),
        "add rax,[rbx]" => a => a.add(rax, __qword_ptr[rbx]),
        "cmp qword [rbx],1" => a => a.cmp(__qword_ptr[rbx], 1),
        "add [rbx],rax" => a => a.add(__qword_ptr[rbx], rax),
        "inc qword [rbx]" => a => a.inc(__qword_ptr[rbx]),
        "lock inc qword [rbx]" => a => a.@lock.inc(__qword_ptr[rbx]),
        "lock bts [rbx],rax" => a => a.@lock.bts(__qword_ptr[rbx], rax),
        "lock xadd [rbx],rax" => a => a.@lock.xadd(__qword_ptr[rbx], rax),
        "lock cmpxchg [rbx],rcx" => a => a.@lock.cmpxchg(__qword_ptr[rbx], rcx),
        "xchg [rbx],rax" => a => a.xchg(__qword_ptr[rbx], rax),
        "xchg rax,rcx" => a => a.xchg(rax, rcx),
        "bts [rbx],rax" => a => a.bts(__qword_ptr[rbx], rax),
        "bts qword [rbx],3" => a => a.bts(__qword_ptr[rbx], 3),
        "bt rax,rcx" => a => a.bt(rax, rcx),
        "push rax" => a => a.push(rax),
        "pop rax" => a => a.pop(rax),
        "pause" => a => a.pause(),
        "nop" => a => a.nop(),
        _ => throw new ArgumentException(form),
    };
}
