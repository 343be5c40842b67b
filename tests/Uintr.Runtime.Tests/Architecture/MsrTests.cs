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
}
