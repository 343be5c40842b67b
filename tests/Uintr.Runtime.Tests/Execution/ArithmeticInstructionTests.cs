using Uintr.Simulation.Architecture;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class ArithmeticInstructionTests
{
    [Fact]
    public void Add_wrapping_to_zero_sets_carry_zero_parity_and_auxiliary_carry()
    {
        var machine = new ExecutionHarness().Load(a => a.add(rax, rcx));
        machine.Registers[Gpr.Rax] = ulong.MaxValue;
        machine.Registers[Gpr.Rcx] = 1;

        machine.RunToEnd();

        Assert.Equal(0UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.CF | Rflags.ZF | Rflags.PF | Rflags.AF, machine.StatusFlags);
    }

    [Fact]
    public void Add_signed_overflow_sets_overflow_and_sign_but_not_carry()
    {
        var machine = new ExecutionHarness().Load(a => a.add(rax, 1));
        machine.Registers[Gpr.Rax] = long.MaxValue;

        machine.RunToEnd();

        Assert.Equal(0x8000_0000_0000_0000UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.OF | Rflags.SF | Rflags.AF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Add_imm8_is_sign_extended_to_64_bits()
    {
        var machine = new ExecutionHarness().Load(a => a.add(rdx, -2));
        machine.Registers[Gpr.Rdx] = 10;

        machine.RunToEnd();

        Assert.Equal(8UL, machine.Registers[Gpr.Rdx]);
        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF); // unsigned 10 + 0xFFFF...FE carries out
    }

    [Fact]
    public void Add_to_memory_reads_modifies_and_writes_the_qword()
    {
        var machine = new ExecutionHarness().Load(a => a.add(__qword_ptr[rbx + 8], rcx));
        machine.Registers[Gpr.Rbx] = ExecutionHarness.DataBase;
        machine.Registers[Gpr.Rcx] = 0x1_0000_0000;
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase + 8, 0xFFFF_FFFF);

        machine.RunToEnd();

        Assert.Equal(0x1_FFFF_FFFFUL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase + 8));
        Assert.Equal(0UL, machine.StatusFlags & (Rflags.CF | Rflags.ZF | Rflags.OF));
    }

    [Fact]
    public void Add_r32_wraps_at_32_bits_and_zero_extends()
    {
        var machine = new ExecutionHarness().Load(a => a.add(eax, 1));
        machine.Registers[Gpr.Rax] = 0xDEAD_BEEF_FFFF_FFFF;

        machine.RunToEnd();

        Assert.Equal(0UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.CF | Rflags.ZF | Rflags.PF | Rflags.AF, machine.StatusFlags);
    }

    [Fact]
    public void Sub_borrow_sets_carry_and_sign()
    {
        var machine = new ExecutionHarness().Load(a => a.sub(rax, rcx));
        machine.Registers[Gpr.Rax] = 0;
        machine.Registers[Gpr.Rcx] = 1;

        machine.RunToEnd();

        Assert.Equal(ulong.MaxValue, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.CF | Rflags.SF | Rflags.AF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Sub_signed_overflow_sets_overflow_only_among_carry_and_overflow()
    {
        var machine = new ExecutionHarness().Load(a => a.sub(rax, 1));
        machine.Registers[Gpr.Rax] = 0x8000_0000_0000_0000;

        machine.RunToEnd();

        Assert.Equal(0x7FFF_FFFF_FFFF_FFFFUL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.OF | Rflags.AF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Sub_r32_borrow_zero_extends_and_sets_carry()
    {
        var machine = new ExecutionHarness().Load(a => a.sub(ecx, 1));
        machine.Registers[Gpr.Rcx] = 0xFFFF_FFFF_0000_0000;

        machine.RunToEnd();

        Assert.Equal(0x0000_0000_FFFF_FFFFUL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(Rflags.CF | Rflags.SF | Rflags.AF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Cmp_sets_flags_like_sub_and_leaves_operands_alone()
    {
        var machine = new ExecutionHarness().Load(a => a.cmp(rax, rcx));
        machine.Registers[Gpr.Rax] = 5;
        machine.Registers[Gpr.Rcx] = 7;

        machine.RunToEnd();

        Assert.Equal(5UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(7UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(Rflags.CF | Rflags.SF | Rflags.AF, machine.StatusFlags); // 5 - 7 = ...FE: odd parity
    }

    [Fact]
    public void Cmp_equal_memory_and_immediate_sets_zero()
    {
        var machine = new ExecutionHarness().Load(a => a.cmp(__qword_ptr[rbx], 0x1234));
        machine.Registers[Gpr.Rbx] = ExecutionHarness.DataBase;
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase, 0x1234);

        machine.RunToEnd();

        Assert.Equal(Rflags.ZF | Rflags.PF, machine.StatusFlags);
        Assert.Equal(0x1234UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase));
    }

    [Fact]
    public void Test_clears_carry_and_overflow_and_sets_zero()
    {
        var machine = new ExecutionHarness().Load(a => a.test(rax, rax));
        machine.Registers[Gpr.Rax] = 0;
        machine.Registers.Rflags |= Rflags.CF | Rflags.OF | Rflags.SF;

        machine.RunToEnd();

        Assert.Equal(Rflags.ZF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Test_with_immediate_reports_sign_of_the_and()
    {
        var machine = new ExecutionHarness().Load(a => a.test(ecx, unchecked((int)0x8000_0001)));
        machine.Registers[Gpr.Rcx] = 0x1234_5678_8000_0000;

        machine.RunToEnd();

        Assert.Equal(Rflags.SF | Rflags.PF, machine.StatusFlags);
        Assert.Equal(0x1234_5678_8000_0000UL, machine.Registers[Gpr.Rcx]); // TEST writes nothing, not even the upper half
    }

    [Fact]
    public void Logic_operations_compute_and_clear_carry_and_overflow()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.and(rax, rcx);
            a.or(rdx, -1);
            a.xor(rsi, rdi);
        });
        machine.Registers[Gpr.Rax] = 0xF0F0;
        machine.Registers[Gpr.Rcx] = 0xFF00;
        machine.Registers[Gpr.Rdx] = 0x1234;
        machine.Registers[Gpr.Rsi] = 0b1011;
        machine.Registers[Gpr.Rdi] = 0b0110;
        machine.Registers.Rflags |= Rflags.CF | Rflags.OF;

        machine.RunToEnd();

        Assert.Equal(0xF000UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(ulong.MaxValue, machine.Registers[Gpr.Rdx]);
        Assert.Equal(0b1101UL, machine.Registers[Gpr.Rsi]);
        Assert.Equal(0UL, machine.StatusFlags & (Rflags.CF | Rflags.OF | Rflags.ZF | Rflags.SF));
        Assert.Equal(0UL, machine.StatusFlags & Rflags.PF); // 0b1101 has three ones
    }

    [Fact]
    public void Xor_r32_with_itself_zeroes_the_whole_register()
    {
        var machine = new ExecutionHarness().Load(a => a.xor(r9d, r9d));
        machine.Registers[Gpr.R9] = 0xFFFF_FFFF_FFFF_FFFF;

        machine.RunToEnd();

        Assert.Equal(0UL, machine.Registers[Gpr.R9]);
        Assert.Equal(Rflags.ZF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Inc_preserves_carry_and_reports_overflow()
    {
        var machine = new ExecutionHarness().Load(a => a.inc(rax));
        machine.Registers[Gpr.Rax] = long.MaxValue;
        machine.Registers.Rflags |= Rflags.CF;

        machine.RunToEnd();

        Assert.Equal(0x8000_0000_0000_0000UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(Rflags.CF | Rflags.OF | Rflags.SF | Rflags.AF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Inc_wrapping_to_zero_does_not_set_carry()
    {
        var machine = new ExecutionHarness().Load(a => a.inc(__qword_ptr[rbx]));
        machine.Registers[Gpr.Rbx] = ExecutionHarness.DataBase;
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase, ulong.MaxValue);

        machine.RunToEnd();

        Assert.Equal(0UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase));
        Assert.Equal(Rflags.ZF | Rflags.PF | Rflags.AF, machine.StatusFlags);
    }

    [Fact]
    public void Dec_preserves_carry_and_sets_zero()
    {
        var machine = new ExecutionHarness().Load(a => a.dec(r12));
        machine.Registers[Gpr.R12] = 1;
        machine.Registers.Rflags |= Rflags.CF;

        machine.RunToEnd();

        Assert.Equal(0UL, machine.Registers[Gpr.R12]);
        Assert.Equal(Rflags.CF | Rflags.ZF | Rflags.PF, machine.StatusFlags);
    }

    [Fact]
    public void Inc_r32_zero_extends()
    {
        var machine = new ExecutionHarness().Load(a => a.inc(ebx));
        machine.Registers[Gpr.Rbx] = 0xAAAA_AAAA_0000_0041;

        machine.RunToEnd();

        Assert.Equal(0x42UL, machine.Registers[Gpr.Rbx]);
    }

    [Fact]
    public void Lock_add_and_or_and_on_memory_execute_atomically_by_construction()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.@lock.add(__qword_ptr[rbx], rcx);
            a.@lock.or(__qword_ptr[rbx + 8], 0x10);
            a.@lock.and(__dword_ptr[rbx + 16], 0xF);
            a.@lock.inc(__qword_ptr[rbx + 24]);
        });
        machine.Registers[Gpr.Rbx] = ExecutionHarness.DataBase;
        machine.Registers[Gpr.Rcx] = 5;
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase, 10);
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase + 8, 1);
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase + 16, 0xFFFF_FFFF_FFFF_FFFF);
        machine.Memory.WriteUInt64(ExecutionHarness.DataBase + 24, 41);

        machine.RunToEnd();

        Assert.Equal(15UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase));
        Assert.Equal(0x11UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase + 8));
        Assert.Equal(0xFFFF_FFFF_0000_000FUL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase + 16)); // dword op leaves the upper dword
        Assert.Equal(42UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase + 24));
    }
}
