using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

public class MsrTests
{
    [Theory]
    [InlineData(UintrMsr.Misc, 1UL << 40, "reserved bits 63:40")]
    [InlineData(UintrMsr.Pd, 0x1000_0020UL, "64-byte aligned")]
    [InlineData(UintrMsr.Tt, 0x2000_0002UL, "reserved bits 3:1")]
    [InlineData(UintrMsr.Handler, 0x0000_8000_0000_0000UL, "not canonical")]
    [InlineData(UintrMsr.StackAdjust, 0x1234_0000_0000_0000UL, "not canonical")]
    public void WRMSR_with_a_bad_value_raises_GP(uint msr, ulong value, string reason)
    {
        var state = new UserInterruptState();

        var fault = Assert.Throws<ArchitecturalFault>(() => state.WriteMsr(msr, value));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Contains(reason, fault.Reason);
    }

    [Fact]
    public void MISC_packs_UITTSZ_and_UINV()
    {
        var state = new UserInterruptState();

        state.WriteMsr(UintrMsr.Misc, 0xEC_0000_00FFUL);

        Assert.Equal(255u, state.Uittsz);
        Assert.Equal(0xEC, state.Uinv);
        Assert.Equal(0xEC_0000_00FFUL, state.ReadMsr(UintrMsr.Misc));
    }

    [Fact]
    public void UIRRV_is_the_highest_set_bit_or_0()
    {
        var state = new UserInterruptState();
        Assert.Equal(0, state.Uirrv);
        state.WriteMsr(UintrMsr.Rr, (1UL << 12) | (1UL << 33));
        Assert.Equal(33, state.Uirrv);
    }

    [Theory]
    [InlineData(UintrMsr.Rr, 0x8000_0000_0000_0001UL)]
    [InlineData(UintrMsr.Handler, 0xFFFF_8000_0000_1000UL)]
    [InlineData(UintrMsr.StackAdjust, 0x0000_7FFF_FFFF_F001UL)]
    [InlineData(UintrMsr.Misc, 0xFF_FFFF_FFFFUL)]
    [InlineData(UintrMsr.Pd, 0xFFFF_8000_0000_0040UL)]
    [InlineData(UintrMsr.Tt, 0xFFFF_FFFF_FFFF_F001UL)]
    public void RDMSR_returns_what_WRMSR_wrote(uint msr, ulong value)
    {
        var state = new UserInterruptState();

        state.WriteMsr(msr, value);

        Assert.Equal(value, state.ReadMsr(msr));
    }

    [Theory]
    [InlineData(UintrMsr.Pd, 0x0000_8000_0000_0040UL)]
    [InlineData(UintrMsr.Tt, 0x0000_8000_0000_0001UL)]
    public void WRMSR_of_a_non_canonical_PD_or_TT_raises_GP_and_keeps_the_old_value(uint msr, ulong value)
    {
        var state = new UserInterruptState();
        state.WriteMsr(msr, 0x1000_0040);

        var fault = Assert.Throws<ArchitecturalFault>(() => state.WriteMsr(msr, value));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Contains("not canonical", fault.Reason);
        Assert.Equal(0x1000_0040UL, state.ReadMsr(msr));
    }

    [Theory]
    [InlineData(0x984u)]
    [InlineData(0x98Bu)]
    public void RDMSR_and_WRMSR_of_a_neighbouring_MSR_raise_GP(uint msr)
    {
        var state = new UserInterruptState();

        Assert.Equal("RDMSR", Assert.Throws<ArchitecturalFault>(() => state.ReadMsr(msr)).Instruction);
        var fault = Assert.Throws<ArchitecturalFault>(() => state.WriteMsr(msr, 0));
        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal("WRMSR", fault.Instruction);
    }

    [Fact]
    public void TT_bit_0_enables_SENDUIPI_and_bits_3_to_0_are_not_part_of_the_UITT_address()
    {
        var state = new UserInterruptState();
        state.WriteMsr(UintrMsr.Tt, 0x20_0000);
        Assert.False(state.SenduipiEnabled);
        Assert.Equal(0x20_0000UL, state.UittAddress);

        state.WriteMsr(UintrMsr.Tt, 0x20_0001);

        Assert.True(state.SenduipiEnabled);
        Assert.Equal(0x20_0000UL, state.UittAddress);
    }

    [Fact]
    public void UIRRV_of_bit_0_alone_is_0()
    {
        var state = new UserInterruptState { Uirr = 1 };
        Assert.Equal(0, state.Uirrv);
        state.Uirr = 1UL << 63;
        Assert.Equal(63, state.Uirrv);
    }

    [Theory]
    [InlineData(0x0000_7FFF_FFFF_FFFFUL, true)]
    [InlineData(0x0000_8000_0000_0000UL, false)]
    [InlineData(0xFFFF_7FFF_FFFF_FFFFUL, false)]
    [InlineData(0xFFFF_8000_0000_0000UL, true)]
    [InlineData(0x0001_0000_0000_0000UL, false)]
    [InlineData(0UL, true)]
    [InlineData(ulong.MaxValue, true)]
    public void An_address_is_canonical_when_bits_63_to_47_are_all_equal(ulong address, bool canonical)
    {
        Assert.Equal(canonical, Canonical.IsCanonical(address));
    }
}
