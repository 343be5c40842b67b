using Uintr.Simulation.Architecture;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class DataMovementTests
{
    private const ulong Data = ExecutionHarness.DataBase;

    [Fact]
    public void Push_and_pop_move_rsp_by_8_and_restore_in_reverse_order()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.push(rax);
            a.push(r13);
            a.pop(rcx);
            a.pop(rdx);
        });
        ulong rsp = machine.Registers.Rsp;
        machine.Registers[Gpr.Rax] = 0x1111;
        machine.Registers[Gpr.R13] = 0x2222;

        machine.RunToEnd();

        Assert.Equal(0x2222UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(0x1111UL, machine.Registers[Gpr.Rdx]);
        Assert.Equal(rsp, machine.Registers.Rsp);
        Assert.Equal(0x1111UL, machine.Memory.ReadUInt64(rsp - 8));
        Assert.Equal(0x2222UL, machine.Memory.ReadUInt64(rsp - 16));
    }

    [Fact]
    public void Push_stores_below_rsp_and_decrements_it()
    {
        var machine = new ExecutionHarness().Load(a => a.push(rbx));
        ulong rsp = machine.Registers.Rsp;
        machine.Registers[Gpr.Rbx] = 0xCAFE_F00D_1234_5678;

        machine.RunToEnd();

        Assert.Equal(rsp - 8, machine.Registers.Rsp);
        Assert.Equal(0xCAFE_F00D_1234_5678UL, machine.Memory.ReadUInt64(rsp - 8));
    }

    [Fact]
    public void Push_rsp_pushes_the_value_before_the_decrement_and_pop_rsp_loads_the_popped_value()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.push(rsp);
            a.pop(rsp);
        });
        ulong stackPointer = machine.Registers.Rsp;

        machine.RunToEnd();

        Assert.Equal(stackPointer, machine.Memory.ReadUInt64(stackPointer - 8));
        Assert.Equal(stackPointer, machine.Registers.Rsp);
    }

    [Fact]
    public void Push_immediates_are_sign_extended_to_64_bits()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.push(-1);
            a.push(0x1234_5678);
        });
        ulong rsp = machine.Registers.Rsp;

        machine.RunToEnd();

        Assert.Equal(ulong.MaxValue, machine.Memory.ReadUInt64(rsp - 8));
        Assert.Equal(0x1234_5678UL, machine.Memory.ReadUInt64(rsp - 16));
    }

    [Fact]
    public void Mov_loads_and_stores_qwords_with_base_index_scale_displacement()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(rax, __qword_ptr[rbx + rsi * 8 + 0x10]);
            a.mov(__qword_ptr[rbx - 8 + 0x100], rax);
        });
        machine.Registers[Gpr.Rbx] = Data + 0x100;
        machine.Registers[Gpr.Rsi] = 3;
        machine.Memory.WriteUInt64(Data + 0x100 + 0x28, 0x0123_4567_89AB_CDEF);

        machine.RunToEnd();

        Assert.Equal(0x0123_4567_89AB_CDEFUL, machine.Registers[Gpr.Rax]);
        Assert.Equal(0x0123_4567_89AB_CDEFUL, machine.Memory.ReadUInt64(Data + 0x1F8));
    }

    [Fact]
    public void Mov_rsp_relative_load_reads_the_vector_slot_like_the_trampoline()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0x48, 0x8B, 0x44, 0x24, 0x10 }); // mov rax,[rsp+10h]
        machine.Memory.WriteUInt64(machine.Registers.Rsp + 0x10, 42);

        machine.RunToEnd();

        Assert.Equal(42UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Mov_r32_imm32_zero_extends_and_mov_r64_imm64_loads_all_bits()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(eax, 0xFFFF_FFFF);
            a.mov(rcx, 0x1122_3344_5566_7788UL);
        });
        machine.Registers[Gpr.Rax] = 0xDEAD_BEEF_0000_0000;

        machine.RunToEnd();

        Assert.Equal(0xFFFF_FFFFUL, machine.Registers[Gpr.Rax]);
        Assert.Equal(0x1122_3344_5566_7788UL, machine.Registers[Gpr.Rcx]);
    }

    [Fact]
    public void Mov_rm64_imm32_sign_extends_into_memory_and_registers()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(__qword_ptr[rbx], -2);
            a.mov(rdx, -3);
        });
        machine.Registers[Gpr.Rbx] = Data;

        machine.RunToEnd();

        Assert.Equal(unchecked((ulong)-2L), machine.Memory.ReadUInt64(Data));
        Assert.Equal(unchecked((ulong)-3L), machine.Registers[Gpr.Rdx]);
    }

    [Fact]
    public void Mov_r32_from_memory_zero_extends_and_mov_m32_writes_four_bytes()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(ecx, __dword_ptr[rbx]);
            a.mov(__dword_ptr[rbx + 8], ecx);
        });
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rcx] = ulong.MaxValue;
        machine.Memory.WriteUInt64(Data, 0xAAAA_AAAA_8765_4321);
        machine.Memory.WriteUInt64(Data + 8, 0xBBBB_BBBB_BBBB_BBBB);

        machine.RunToEnd();

        Assert.Equal(0x8765_4321UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(0xBBBB_BBBB_8765_4321UL, machine.Memory.ReadUInt64(Data + 8));
    }

    [Fact]
    public void Mov_does_not_touch_flags()
    {
        var machine = new ExecutionHarness().Load(a => a.mov(rax, rcx));
        machine.Registers.Rflags |= Rflags.CF | Rflags.ZF;

        machine.RunToEnd();

        Assert.Equal(Rflags.CF | Rflags.ZF, machine.StatusFlags);
    }

    [Fact]
    public void Lea_computes_the_address_without_touching_memory_or_flags()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.lea(rax, __[rbx + rcx * 4 - 0x20]);
            a.lea(edx, __[rbx + 1]);
        });
        machine.Registers[Gpr.Rbx] = 0x7000_0000_0000_0100; // not mapped: LEA must not fault
        machine.Registers[Gpr.Rcx] = 0x10;
        machine.Registers.Rflags |= Rflags.OF;

        machine.RunToEnd();

        Assert.Equal(0x7000_0000_0000_0120UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(0x101UL, machine.Registers[Gpr.Rdx]);
        Assert.Equal(Rflags.OF, machine.StatusFlags);
    }

    [Fact]
    public void Lea_rip_relative_uses_the_next_instruction_address()
    {
        byte[] code = { 0x48, 0x8D, 0x05, 0x00, 0x01, 0x00, 0x00 }; // lea rax,[rip+100h]
        var machine = new ExecutionHarness().Load(code);

        machine.RunToEnd();

        Assert.Equal(ExecutionHarness.CodeBase + (ulong)code.Length + 0x100, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Xchg_swaps_register_and_memory()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.xchg(__qword_ptr[rbx], rax);
            a.xchg(rcx, rdx);
        });
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 1;
        machine.Registers[Gpr.Rcx] = 2;
        machine.Registers[Gpr.Rdx] = 3;
        machine.Memory.WriteUInt64(Data, 4);

        machine.RunToEnd();

        Assert.Equal(4UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(1UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(3UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(2UL, machine.Registers[Gpr.Rdx]);
    }

    [Fact]
    public void Xchg_r32_zero_extends_both_registers()
    {
        var machine = new ExecutionHarness().Load(a => a.xchg(ecx, edx));
        machine.Registers[Gpr.Rcx] = 0xFFFF_FFFF_0000_0001;
        machine.Registers[Gpr.Rdx] = 0xEEEE_EEEE_0000_0002;

        machine.RunToEnd();

        Assert.Equal(2UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(1UL, machine.Registers[Gpr.Rdx]);
    }

    [Fact]
    public void Lock_xadd_returns_the_old_value_and_adds()
    {
        var machine = new ExecutionHarness().Load(a => a.@lock.xadd(__qword_ptr[rbx], rax));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 1;
        machine.Memory.WriteUInt64(Data, ulong.MaxValue);

        machine.RunToEnd();

        Assert.Equal(ulong.MaxValue, machine.Registers[Gpr.Rax]);
        Assert.Equal(0UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(Rflags.CF | Rflags.ZF | Rflags.PF | Rflags.AF, machine.StatusFlags);
    }

    [Fact]
    public void Xadd_between_registers()
    {
        var machine = new ExecutionHarness().Load(a => a.xadd(rcx, rdx));
        machine.Registers[Gpr.Rcx] = 10;
        machine.Registers[Gpr.Rdx] = 5;

        machine.RunToEnd();

        Assert.Equal(15UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(10UL, machine.Registers[Gpr.Rdx]);
    }

    [Fact]
    public void Lock_cmpxchg_success_stores_the_source_and_sets_zero()
    {
        var machine = new ExecutionHarness().Load(a => a.@lock.cmpxchg(__qword_ptr[rbx], rcx));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 7;
        machine.Registers[Gpr.Rcx] = 99;
        machine.Memory.WriteUInt64(Data, 7);

        machine.RunToEnd();

        Assert.Equal(99UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(7UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.ZF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Lock_cmpxchg_failure_loads_the_accumulator_and_clears_zero()
    {
        var machine = new ExecutionHarness().Load(a => a.@lock.cmpxchg(__qword_ptr[rbx], rcx));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 7;
        machine.Registers[Gpr.Rcx] = 99;
        machine.Memory.WriteUInt64(Data, 8);
        machine.Registers.Rflags |= Rflags.ZF;

        machine.RunToEnd();

        Assert.Equal(8UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(8UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(0UL, machine.StatusFlags & Rflags.ZF);
        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF); // 7 - 8 borrows
    }

    [Fact]
    public void Cmpxchg_r32_failure_zero_extends_eax()
    {
        var machine = new ExecutionHarness().Load(a => a.cmpxchg(__dword_ptr[rbx], ecx));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 0xFFFF_FFFF_0000_0001;
        machine.Memory.WriteUInt32(Data, 5);

        machine.RunToEnd();

        Assert.Equal(5UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Nop_forms_pause_and_endbr64_change_nothing_but_rip()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.endbr64();
            a.nop();
            a.nop(__dword_ptr[rax + rax * 1 + 0]);
            a.pause();
        });
        machine.Registers.Randomize(new System.Random(3));
        var before = machine.Registers.Clone();

        var result = machine.RunToEnd();

        Assert.Equal(4, result.Instructions);
        before.Rip = machine.CodeEnd;
        Assert.True(before.Equals(machine.Registers), machine.Registers.DescribeDifferences(before));
    }
}
