using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

public class SenduipiTests
{
    [Fact]
    public void Sets_PIR_and_ON_and_notifies_when_SN_and_ON_are_clear()
    {
        var f = new UintrFixture();

        var result = Senduipi.Execute(f.Sender, 0);

        Assert.True(result.SendNotification);
        Assert.Equal(5, result.UserVector);
        Assert.Equal(UintrFixture.Uinv, result.NotificationVector);
        Assert.Equal(f.Receiver.ApicId, result.DestinationApicId);
        Assert.Equal(1UL << 5, f.Pir);
        Assert.Equal(Upid.On, f.Control & Upid.On);
    }

    [Fact]
    public void Does_not_notify_while_ON_is_set_but_still_posts()
    {
        var f = new UintrFixture();
        f.SetEntry(1, vector: 9);
        Senduipi.Execute(f.Sender, 0);

        var second = Senduipi.Execute(f.Sender, 1);

        Assert.False(second.SendNotification);
        Assert.Equal((1UL << 5) | (1UL << 9), f.Pir);
    }

    [Fact]
    public void Does_not_notify_while_SN_is_set_and_leaves_ON_clear()
    {
        var f = new UintrFixture();
        f.Control |= Upid.Sn;

        var result = Senduipi.Execute(f.Sender, 0);

        Assert.False(result.SendNotification);
        Assert.Equal(1UL << 5, f.Pir);
        Assert.Equal(0UL, f.Control & Upid.On);
    }

    [Fact]
    public void A_repeated_vector_coalesces_into_one_PIR_bit_and_one_notification()
    {
        var f = new UintrFixture();

        var first = Senduipi.Execute(f.Sender, 0);
        var second = Senduipi.Execute(f.Sender, 0);
        NotificationProcessing.Process(f.Receiver);

        Assert.True(first.SendNotification);
        Assert.False(second.SendNotification);
        Assert.Equal(1UL << 5, f.Receiver.State.Uirr);
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(255UL)]
    public void Index_equal_to_UITTSZ_is_the_last_valid_entry(ulong uittsz)
    {
        // UITTSZ is the highest valid index (the table holds UITTSZ + 1 entries): only index > UITTSZ is #GP.
        var f = new UintrFixture();
        f.Sender.State.WriteMsr(UintrMsr.Misc, uittsz);
        f.SetEntry(uittsz, vector: 17);

        var result = Senduipi.Execute(f.Sender, uittsz);

        Assert.Equal(17, result.UserVector);
        Assert.Equal(1UL << 17, f.Pir);
    }

    [Fact]
    public void Index_above_UITTSZ_raises_GP()
    {
        var f = new UintrFixture();
        f.Sender.State.WriteMsr(UintrMsr.Misc, 3);

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 4));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Contains("UITTSZ", fault.Reason);
        Assert.Equal(0UL, f.Pir);
    }

    [Fact]
    public void Invalid_entry_raises_GP()
    {
        var f = new UintrFixture();
        UittEntry.Write(f.Memory, UintrFixture.UittAddress, 2, valid: false, 5, UintrFixture.UpidAddress);

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 2));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Contains("V = 0", fault.Reason);
    }

    [Theory]
    [InlineData(0x2UL, 0UL)]            // bit 1 of the first quadword (7:1 reserved)
    [InlineData(0x4000UL, 0UL)]         // UV bit 14: vector >= 64
    [InlineData(0x1_0000UL, 0UL)]       // bits 63:16 reserved
    [InlineData(0UL, 0x10UL)]           // UPIDADDR not 64-byte aligned
    public void Entry_with_reserved_bits_raises_GP(ulong lowBits, ulong upidBits)
    {
        var f = new UintrFixture();
        ulong entry = UintrFixture.UittAddress + (3 * 16);
        f.Memory.WriteUInt64(entry, 1 | (5 << 8) | lowBits);
        f.Memory.WriteUInt64(entry + 8, UintrFixture.UpidAddress | upidBits);

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 3));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Contains("reserved", fault.Reason);
    }

    [Theory]
    [InlineData(1UL << 2)]
    [InlineData(1UL << 15)]
    [InlineData(1UL << 24)]
    [InlineData(1UL << 31)]
    public void UPID_with_reserved_bits_raises_GP_and_posts_nothing(ulong reservedBit)
    {
        var f = new UintrFixture();
        f.Control |= reservedBit;

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 0));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal(0UL, f.Pir);
    }

    [Fact]
    public void Without_a_registered_sender_raises_UD()
    {
        var f = new UintrFixture();
        f.Sender.State.WriteMsr(UintrMsr.Tt, UintrFixture.UittAddress);

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 0));

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.Contains("IA32_UINTR_TT[0] = 0", fault.Reason);
    }

    [Fact]
    public void With_CR4_UINTR_clear_raises_UD()
    {
        var f = new UintrFixture();
        f.Sender.Cr4Uintr = false;

        Assert.Equal(UintrFault.InvalidOpcode, Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 0)).Fault);
    }

    [Fact]
    public void With_a_LOCK_prefix_raises_UD()
    {
        var f = new UintrFixture();

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 0, lockPrefix: true));

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
    }

    [Fact]
    public void Without_CPUID_support_raises_UD()
    {
        var f = new UintrFixture();
        f.Sender.CpuidUintr = false;

        Assert.Contains("CPUID", Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(f.Sender, 0)).Reason);
    }

    [Fact]
    public void In_xAPIC_mode_the_destination_comes_from_NDST_bits_15_to_8()
    {
        var f = new UintrFixture(x2Apic: false);

        var result = Senduipi.Execute(f.Sender, 0);

        Assert.Equal(f.Receiver.ApicId, result.DestinationApicId);
        Assert.Equal((ulong)f.Receiver.ApicId << 40, f.Control & 0xFFFF_FFFF_0000_0000);
    }
}
