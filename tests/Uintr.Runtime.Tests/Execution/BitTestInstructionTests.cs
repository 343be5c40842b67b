using Uintr.Simulation.Architecture;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class BitTestInstructionTests
{
    private const ulong Data = ExecutionHarness.DataBase + 0x100;

    [Fact]
    public void Bts_sets_the_bit_and_reports_the_old_bit_in_carry()
    {
        var machine = new ExecutionHarness().Load(a => a.bts(__qword_ptr[rbx], rax));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = 3;

        machine.RunToEnd();
        Assert.Equal(0b1000UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(0UL, machine.StatusFlags & Rflags.CF);

        machine.Registers.Rip = ExecutionHarness.CodeBase;
        machine.RunToEnd();
        Assert.Equal(0b1000UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF);
    }

    [Theory]
    [InlineData(70L, 8L, 6)]      // beyond the qword: next qword, bit 6
    [InlineData(64L, 8L, 0)]
    [InlineData(63L, 0L, 63)]
    [InlineData(-1L, -8L, 63)]    // negative offsets address below the base
    [InlineData(-64L, -8L, 0)]
    [InlineData(-65L, -16L, 63)]
    [InlineData(1000L, 120L, 40)] // 1000 = 15 * 64 + 40
    public void Bts_register_offset_on_memory_addresses_a_bit_string(long offset, long byteDisplacement, int bit)
    {
        var machine = new ExecutionHarness().Load(a => a.bts(__qword_ptr[rbx], rax));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rax] = unchecked((ulong)offset);

        machine.RunToEnd();

        ulong target = unchecked(Data + (ulong)byteDisplacement);
        Assert.Equal(1UL << bit, machine.Memory.ReadUInt64(target));
        if (byteDisplacement != 0)
        {
            Assert.Equal(0UL, machine.Memory.ReadUInt64(Data));
        }
    }

    [Fact]
    public void Bts_dword_register_offset_addresses_dwords()
    {
        var machine = new ExecutionHarness().Load(a => a.bts(__dword_ptr[rbx], ecx));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rcx] = 0xFFFF_FFFF_0000_0021; // only ECX = 33 counts: dword +4, bit 1

        machine.RunToEnd();

        Assert.Equal(0x2UL << 32, machine.Memory.ReadUInt64(Data));
    }

    [Fact]
    public void Bts_immediate_offset_is_taken_modulo_the_operand_width()
    {
        var machine = new ExecutionHarness().Load(a => a.bts(__qword_ptr[rbx], 70));
        machine.Registers[Gpr.Rbx] = Data;

        machine.RunToEnd();

        Assert.Equal(1UL << 6, machine.Memory.ReadUInt64(Data));
        Assert.Equal(0UL, machine.Memory.ReadUInt64(Data + 8));
    }

    [Fact]
    public void Bt_on_registers_takes_the_offset_modulo_64_and_writes_nothing()
    {
        var machine = new ExecutionHarness().Load(a => a.bt(rax, rcx));
        machine.Registers[Gpr.Rax] = 0b10;
        machine.Registers[Gpr.Rcx] = 65;

        machine.RunToEnd();

        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF);
        Assert.Equal(0b10UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Bt_leaves_zero_flag_unaffected()
    {
        var machine = new ExecutionHarness().Load(a => a.bt(__qword_ptr[rbx], 5));
        machine.Registers[Gpr.Rbx] = Data;
        machine.Memory.WriteUInt64(Data, 1UL << 5);
        machine.Registers.Rflags |= Rflags.ZF;

        machine.RunToEnd();

        Assert.Equal(Rflags.CF | Rflags.ZF, machine.StatusFlags & (Rflags.CF | Rflags.ZF));
    }

    [Fact]
    public void Btr_clears_the_bit_and_reports_it()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.btr(rdx, 63);
            a.@lock.btr(__qword_ptr[rbx], rcx);
        });
        machine.Registers[Gpr.Rdx] = ulong.MaxValue;
        machine.Registers[Gpr.Rbx] = Data;
        machine.Registers[Gpr.Rcx] = 64 + 2;
        machine.Memory.WriteUInt64(Data + 8, 0b111);

        machine.RunToEnd();

        Assert.Equal(0x7FFF_FFFF_FFFF_FFFFUL, machine.Registers[Gpr.Rdx]);
        Assert.Equal(0b011UL, machine.Memory.ReadUInt64(Data + 8));
        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF);
    }

    [Fact]
    public void Bts_r32_destination_zero_extends()
    {
        var machine = new ExecutionHarness().Load(a => a.bts(eax, 0));
        machine.Registers[Gpr.Rax] = 0xFFFF_FFFF_0000_0000;

        machine.RunToEnd();

        Assert.Equal(1UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Lock_bts_in_the_trampoline_encoding_sets_the_pending_bit()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0xF0, 0x48, 0x0F, 0xAB, 0x01 }); // lock bts [rcx],rax
        machine.Registers[Gpr.Rcx] = Data;
        machine.Registers[Gpr.Rax] = 63;
        machine.Memory.WriteUInt64(Data, 1);

        machine.RunToEnd();

        Assert.Equal(0x8000_0000_0000_0001UL, machine.Memory.ReadUInt64(Data));
        Assert.Equal(0UL, machine.StatusFlags & Rflags.CF);
    }
}
