using System;
using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

public class RegisterFileTests
{
    private static RegisterFile Sample()
    {
        var registers = new RegisterFile { Rip = 0x5555_0000_1000, Rflags = 0x246 };
        for (int i = 0; i < RegisterFile.GprCount; i++)
        {
            registers[(Gpr)i] = 0x100UL + (ulong)i;
        }

        return registers;
    }

    [Fact]
    public void A_clone_and_a_copy_equal_the_original_and_are_independent_of_it()
    {
        var original = Sample();
        var clone = original.Clone();
        var copy = new RegisterFile();
        copy.CopyFrom(original);

        Assert.True(clone.Equals(original));
        Assert.True(copy.Equals((object)original));
        Assert.Equal(original.GetHashCode(), copy.GetHashCode());
        Assert.Equal("none", copy.DescribeDifferences(original));

        clone[Gpr.R15] = 0;
        copy.Rip = 0;
        Assert.Equal(0x10FUL, original[Gpr.R15]);
        Assert.Equal(0x5555_0000_1000UL, original.Rip);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(15)]
    public void A_different_GPR_makes_the_files_unequal_and_is_named(int gpr)
    {
        var expected = Sample();
        var actual = expected.Clone();
        actual[(Gpr)gpr] = 0xFFFF;

        Assert.False(actual.Equals(expected));
        Assert.Equal($"{(Gpr)gpr}: expected 0x{expected[(Gpr)gpr]:X16}, got 0x000000000000FFFF", actual.DescribeDifferences(expected));
    }

    [Fact]
    public void RIP_and_RFLAGS_are_compared_and_named()
    {
        var expected = Sample();
        var actual = expected.Clone();
        actual.Rip = 1;
        Assert.False(actual.Equals(expected));
        actual.Rflags = 0x2;

        Assert.Equal("RIP: expected 0x0000555500001000, got 0x0000000000000001; RFLAGS: expected 0x246, got 0x2", actual.DescribeDifferences(expected));
        actual.Rip = expected.Rip;
        Assert.False(actual.Equals(expected));
    }

    [Fact]
    public void Nothing_else_equals_a_register_file()
    {
        var registers = Sample();

        Assert.False(registers.Equals(null));
        Assert.False(registers.Equals((object)"registers"));
    }

    [Fact]
    public void RSP_is_the_fifth_GPR_and_randomizing_keeps_it_RIP_and_RFLAGS()
    {
        var registers = Sample();
        registers.Rsp = 0x7FFF_0000;
        Assert.Equal(0x7FFF_0000UL, registers[Gpr.Rsp]);

        registers.Randomize(new Random(3));

        Assert.Equal(0x7FFF_0000UL, registers.Rsp);
        Assert.Equal(0x5555_0000_1000UL, registers.Rip);
        Assert.Equal(0x246UL, registers.Rflags);
        Assert.NotEqual(0x100UL, registers[Gpr.Rax]);
        Assert.NotEqual(0x10FUL, registers[Gpr.R15]);
    }

    [Fact]
    public void Random_registers_cover_all_64_bits_so_a_context_check_sees_every_bit()
    {
        var random = new Random(11);
        var registers = new RegisterFile();
        ulong anyOne = 0;
        ulong anyZero = 0;
        for (int round = 0; round < 4; round++)
        {
            registers.Randomize(random);
            for (int i = 0; i < RegisterFile.GprCount; i++)
            {
                if (i != (int)Gpr.Rsp)
                {
                    anyOne |= registers[(Gpr)i];
                    anyZero |= ~registers[(Gpr)i];
                }
            }
        }

        // 60 values: every bit, the sign bit 63 included, is 1 in some and 0 in some.
        Assert.Equal(ulong.MaxValue, anyOne);
        Assert.Equal(ulong.MaxValue, anyZero);
        Assert.Equal(0UL, registers.Rsp);
    }

    [Fact]
    public void A_new_file_has_only_the_fixed_RFLAGS_bit()
    {
        Assert.Equal(RegisterFile.RflagsFixedBits, new RegisterFile().Rflags);
        Assert.Equal(0x2UL, RegisterFile.RflagsFixedBits);
    }
}
