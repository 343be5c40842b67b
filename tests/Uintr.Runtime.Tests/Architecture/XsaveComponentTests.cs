using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

/// <summary>
/// XSAVE state component 14 (SDM Vol. 1, "User-Interrupt State"): 48 bytes, +0 UINTR_HANDLER, +8 UINTR_STACKADJUST,
/// +16 UINTR_MISC (UITTSZ 31:0, UINV 39:32, UIF in bit 63), +24 UINTR_PD, +32 UINTR_RR, +40 UINTR_TT. XSAVES clears UINV
/// after saving; XRSTORS of the component raises #GP(0) unless UINV is 0.
/// </summary>
public class XsaveComponentTests
{
    private const ulong Area = 0x30_1000;

    private static LogicalProcessor LoadedProcessor()
    {
        var memory = new SimulatedMemory();
        memory.Map(0x30_0000, 0x1_0000);
        var cpu = new LogicalProcessor(0, apicId: 2, memory) { UserMode = true };
        var state = cpu.State;
        state.WriteMsr(UintrMsr.Handler, 0x0000_7000_0000_1000);
        state.WriteMsr(UintrMsr.StackAdjust, 0x80);
        state.WriteMsr(UintrMsr.Misc, 0xEC_0000_00FFUL);
        state.WriteMsr(UintrMsr.Pd, 0x0000_5000_0000_0040);
        state.WriteMsr(UintrMsr.Rr, 0x8000_0000_0000_0021);
        state.WriteMsr(UintrMsr.Tt, 0x0000_6000_0000_0001);
        state.Uif = true;
        return cpu;
    }

    [Fact]
    public void XSAVES_writes_each_field_at_its_offset_and_then_clears_UINV()
    {
        var cpu = LoadedProcessor();
        var memory = cpu.Memory;

        XsaveUintrComponent.Save(cpu, Area);

        Assert.Equal(0x0000_7000_0000_1000UL, memory.ReadUInt64(Area + 0));
        Assert.Equal(0x80UL, memory.ReadUInt64(Area + 8));
        Assert.Equal((1UL << 63) | 0xEC_0000_00FFUL, memory.ReadUInt64(Area + 16));
        Assert.Equal(0x0000_5000_0000_0040UL, memory.ReadUInt64(Area + 24));
        Assert.Equal(0x8000_0000_0000_0021UL, memory.ReadUInt64(Area + 32));
        Assert.Equal(0x0000_6000_0000_0001UL, memory.ReadUInt64(Area + 40));
        Assert.Equal(0, cpu.State.Uinv);
    }

    [Fact]
    public void With_UIF_clear_XSAVES_leaves_bit_63_of_MISC_clear()
    {
        var cpu = LoadedProcessor();
        cpu.State.Uif = false;

        XsaveUintrComponent.Save(cpu, Area);

        Assert.Equal(0xEC_0000_00FFUL, cpu.Memory.ReadUInt64(Area + 16));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void XRSTORS_after_XSAVES_gives_back_every_field_and_UIF(bool uif)
    {
        var cpu = LoadedProcessor();
        cpu.State.Uif = uif;
        var before = cpu.State.Clone();
        XsaveUintrComponent.Save(cpu, Area);

        var restored = XsaveUintrComponent.Restore(cpu, Area);

        Assert.Same(restored, cpu.State);
        Assert.Equal(before.Handler, restored.Handler);
        Assert.Equal(before.StackAdjust, restored.StackAdjust);
        Assert.Equal(before.Uittsz, restored.Uittsz);
        Assert.Equal(before.Uinv, restored.Uinv);
        Assert.Equal(uif, restored.Uif);
        Assert.Equal(before.UpidAddress, restored.UpidAddress);
        Assert.Equal(before.Uirr, restored.Uirr);
        Assert.Equal(before.UittRaw, restored.UittRaw);
    }

    [Fact]
    public void XRSTORS_while_UINV_is_not_0_raises_GP_and_keeps_the_loaded_state()
    {
        var cpu = LoadedProcessor();
        var loaded = cpu.State;

        var fault = Assert.Throws<ArchitecturalFault>(() => XsaveUintrComponent.Restore(cpu, Area));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal("XRSTORS", fault.Instruction);
        Assert.Same(loaded, cpu.State);
    }

    [Theory]
    [InlineData(UintrMsr.Handler, 0x0000_7000_0000_1000UL)]
    [InlineData(UintrMsr.StackAdjust, 0x80UL)]
    [InlineData(UintrMsr.Misc, 0xEC_0000_00FFUL)]
    [InlineData(UintrMsr.Pd, 0x0000_5000_0000_0040UL)]
    [InlineData(UintrMsr.Rr, 0x8000_0000_0000_0021UL)]
    [InlineData(UintrMsr.Tt, 0x0000_6000_0000_0001UL)]
    public void An_MSR_read_from_the_image_is_the_value_it_had_without_UIF(uint msr, ulong expected)
    {
        var cpu = LoadedProcessor();
        XsaveUintrComponent.Save(cpu, Area);

        Assert.Equal(expected, XsaveUintrComponent.ReadMsr(cpu.Memory, Area, msr));
    }

    [Theory]
    [InlineData(UintrMsr.Handler, 0x0000_7000_0000_2000UL, 0)]
    [InlineData(UintrMsr.StackAdjust, 0x0000_7000_0000_3001UL, 8)]
    [InlineData(UintrMsr.Pd, 0x0000_5000_0000_0080UL, 24)]
    [InlineData(UintrMsr.Rr, 0x4UL, 32)]
    [InlineData(UintrMsr.Tt, 0x0000_6000_0000_1001UL, 40)]
    public void An_MSR_written_into_the_image_lands_in_its_own_field_only(uint msr, ulong value, int offset)
    {
        var cpu = LoadedProcessor();
        XsaveUintrComponent.Save(cpu, Area);
        var image = new ulong[6];
        for (int i = 0; i < 6; i++)
        {
            image[i] = cpu.Memory.ReadUInt64(Area + (ulong)(8 * i));
        }

        XsaveUintrComponent.WriteMsr(cpu.Memory, Area, msr, value);

        image[offset / 8] = value;
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(image[i], cpu.Memory.ReadUInt64(Area + (ulong)(8 * i)));
        }

        Assert.Equal(value, XsaveUintrComponent.ReadMsr(cpu.Memory, Area, msr));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MISC_written_into_the_image_keeps_the_saved_UIF(bool uif)
    {
        var cpu = LoadedProcessor();
        cpu.State.Uif = uif;
        XsaveUintrComponent.Save(cpu, Area);

        XsaveUintrComponent.WriteMsr(cpu.Memory, Area, UintrMsr.Misc, 0xEC_0000_0000UL);

        Assert.Equal((uif ? 1UL << 63 : 0) | 0xEC_0000_0000UL, cpu.Memory.ReadUInt64(Area + 16));
        Assert.Equal(0xEC_0000_0000UL, XsaveUintrComponent.ReadMsr(cpu.Memory, Area, UintrMsr.Misc));
    }

    [Theory]
    [InlineData(UintrMsr.Misc, 1UL << 40)]
    [InlineData(UintrMsr.Pd, 0x0000_5000_0000_0020UL)]
    [InlineData(UintrMsr.Tt, 0x0000_6000_0000_0003UL)]
    [InlineData(UintrMsr.Handler, 0x0000_8000_0000_0000UL)]
    [InlineData(0x984u, 0UL)]
    public void A_value_WRMSR_would_refuse_raises_GP_and_leaves_the_image_alone(uint msr, ulong value)
    {
        var cpu = LoadedProcessor();
        XsaveUintrComponent.Save(cpu, Area);
        ulong misc = cpu.Memory.ReadUInt64(Area + 16);
        ulong tt = cpu.Memory.ReadUInt64(Area + 40);

        var fault = Assert.Throws<ArchitecturalFault>(() => XsaveUintrComponent.WriteMsr(cpu.Memory, Area, msr, value));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal(misc, cpu.Memory.ReadUInt64(Area + 16));
        Assert.Equal(tt, cpu.Memory.ReadUInt64(Area + 40));
    }

    [Fact]
    public void Reading_a_non_UINTR_MSR_from_the_image_raises_GP()
    {
        var cpu = LoadedProcessor();

        var fault = Assert.Throws<ArchitecturalFault>(() => XsaveUintrComponent.ReadMsr(cpu.Memory, Area, 0x98B));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal("RDMSR", fault.Instruction);
    }
}
