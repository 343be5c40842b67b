using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

public class DeliveryTests
{
    [Fact]
    public void Notification_processing_clears_ON_moves_PIR_into_UIRR()
    {
        var f = new UintrFixture();
        f.SetEntry(1, vector: 63);
        Senduipi.Execute(f.Sender, 0);
        Senduipi.Execute(f.Sender, 1);

        bool recognized = NotificationProcessing.Process(f.Receiver);

        Assert.True(recognized);
        Assert.Equal((1UL << 5) | (1UL << 63), f.Receiver.State.Uirr);
        Assert.Equal(0UL, f.Pir);
        Assert.Equal(0UL, f.Control & Upid.On);
        Assert.Equal(63, f.Receiver.State.Uirrv);
    }

    [Fact]
    public void Only_the_notification_vector_UINV_is_identified_as_a_notification()
    {
        var f = new UintrFixture();

        Assert.True(NotificationProcessing.IsNotification(f.Receiver, UintrFixture.Uinv));
        Assert.False(NotificationProcessing.IsNotification(f.Receiver, 0xEB));
        f.Receiver.Cr4Uintr = false;
        Assert.False(NotificationProcessing.IsNotification(f.Receiver, UintrFixture.Uinv));
    }

    [Fact]
    public void Stack_frame_at_handler_entry_matches_the_SDM()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Uirr = 1UL << 17;
        cpu.State.Uif = true;
        ulong oldRsp = 0x30_7FF8;
        cpu.Registers.Rsp = oldRsp;
        cpu.Registers.Rflags = 0x202 | Rflags.TF | Rflags.RF | Rflags.CF;
        ulong oldRflags = cpu.Registers.Rflags;
        ulong oldRip = cpu.Registers.Rip;

        int vector = UserInterruptDelivery.Deliver(cpu);

        // RSP = (old RSP - 128) & ~0xF, then four pushes.
        ulong frameTop = (oldRsp - 128) & ~0xFUL;
        ulong rsp = cpu.Registers.Rsp;
        Assert.Equal(17, vector);
        Assert.Equal(frameTop - 32, rsp);
        Assert.Equal(17UL, f.Memory.ReadUInt64(rsp));
        Assert.Equal(oldRip, f.Memory.ReadUInt64(rsp + 8));
        Assert.Equal(oldRflags, f.Memory.ReadUInt64(rsp + 16));
        Assert.Equal(oldRsp, f.Memory.ReadUInt64(rsp + 24));
        Assert.Equal(UintrFixture.HandlerAddress, cpu.Registers.Rip);
        Assert.False(cpu.State.Uif);
        Assert.Equal(0UL, cpu.State.Uirr);
        Assert.Equal(0UL, cpu.Registers.Rflags & (Rflags.TF | Rflags.RF));
        Assert.Equal(Rflags.CF, cpu.Registers.Rflags & Rflags.CF);
    }

    [Fact]
    public void Stack_adjust_bit_0_loads_an_alternate_stack()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.WriteMsr(UintrMsr.StackAdjust, 0x30_C009);
        cpu.State.Uirr = 1;
        cpu.State.Uif = true;
        ulong oldRsp = cpu.Registers.Rsp;

        UserInterruptDelivery.Deliver(cpu);

        Assert.Equal(0x30_C000UL - 32, cpu.Registers.Rsp);
        Assert.Equal(oldRsp, f.Memory.ReadUInt64(cpu.Registers.Rsp + 24));
    }

    [Fact]
    public void Deliveries_come_highest_vector_first_one_per_delivery()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Uirr = (1UL << 3) | (1UL << 40) | (1UL << 7);
        var order = new System.Collections.Generic.List<int>();

        while (true)
        {
            cpu.State.Uif = true;
            if (!UserInterruptDelivery.CanDeliver(cpu))
            {
                break;
            }

            ulong rsp = cpu.Registers.Rsp;
            order.Add(UserInterruptDelivery.Deliver(cpu));
            cpu.Registers.Rsp += 8;
            Uiret.Execute(cpu);
            Assert.Equal(rsp, cpu.Registers.Rsp);
        }

        Assert.Equal(new[] { 40, 7, 3 }, order);
    }

    [Fact]
    public void No_delivery_while_UIF_is_0_in_kernel_mode_or_in_a_MOV_SS_shadow()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Uirr = 1UL << 2;

        cpu.State.Uif = false;
        Assert.False(UserInterruptDelivery.CanDeliver(cpu));
        cpu.State.Uif = true;
        cpu.UserMode = false;
        Assert.False(UserInterruptDelivery.CanDeliver(cpu));
        cpu.UserMode = true;
        cpu.MovSsShadow = true;
        Assert.False(UserInterruptDelivery.CanDeliver(cpu));
        cpu.MovSsShadow = false;
        Assert.True(UserInterruptDelivery.CanDeliver(cpu));
    }

    [Fact]
    public void CLUI_blocks_delivery_and_STUI_enables_it_at_the_next_boundary()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Uif = true;
        UifInstructions.Clui(cpu);
        f.SendAndNotify(0);

        Assert.True(cpu.UserInterruptRecognized);
        Assert.False(UserInterruptDelivery.CanDeliver(cpu));

        UifInstructions.Stui(cpu);

        // No STI-like shadow: deliverable on the very next boundary.
        Assert.True(UserInterruptDelivery.CanDeliver(cpu));
        Assert.Equal(5, UserInterruptDelivery.Deliver(cpu));
    }

    [Fact]
    public void TESTUI_copies_UIF_to_CF_and_clears_the_other_status_flags()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.Registers.Rflags = 0x202 | Rflags.ZF | Rflags.SF | Rflags.OF | Rflags.PF | Rflags.AF;

        cpu.State.Uif = true;
        Assert.True(UifInstructions.Testui(cpu));
        Assert.Equal(0x202 | Rflags.CF, cpu.Registers.Rflags);

        cpu.State.Uif = false;
        Assert.False(UifInstructions.Testui(cpu));
        Assert.Equal(0x202UL, cpu.Registers.Rflags);
    }

    [Theory]
    [InlineData("CLUI")]
    [InlineData("STUI")]
    [InlineData("TESTUI")]
    public void Flag_instructions_raise_only_UD_when_UINTR_is_disabled(string mnemonic)
    {
        var f = new UintrFixture();
        f.Receiver.Cr4Uintr = false;
        System.Action run = mnemonic switch
        {
            "CLUI" => () => UifInstructions.Clui(f.Receiver),
            "STUI" => () => UifInstructions.Stui(f.Receiver),
            _ => () => UifInstructions.Testui(f.Receiver),
        };

        var fault = Assert.Throws<ArchitecturalFault>(run);

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.Equal(mnemonic, fault.Instruction);
    }

    [Fact]
    public void UIRET_restores_RIP_RSP_and_only_the_masked_RFLAGS_bits_and_sets_UIF()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0x4000_1000);           // RIP
        f.Memory.WriteUInt64(rsp + 8, 0xFFFF_FFFF);       // RFLAGS: every bit set
        f.Memory.WriteUInt64(rsp + 16, 0x30_7000);        // RSP
        cpu.Registers.Rsp = rsp;
        cpu.Registers.Rflags = 0x2;
        cpu.State.Uif = false;

        Uiret.Execute(cpu);

        Assert.Equal(0x4000_1000UL, cpu.Registers.Rip);
        Assert.Equal(0x30_7000UL, cpu.Registers.Rsp);
        Assert.Equal(Rflags.UiretMask | 0x2, cpu.Registers.Rflags);
        Assert.Equal(0UL, cpu.Registers.Rflags & Rflags.IF);
        Assert.True(cpu.State.Uif);
    }

    [Theory]
    [InlineData("CR4")]
    [InlineData("CPUID")]
    [InlineData("LOCK")]
    [InlineData("mode")]
    public void UIRET_raises_UD_without_UINTR_outside_64_bit_mode_or_with_LOCK(string condition)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        bool lockPrefix = false;
        switch (condition)
        {
            case "CR4": cpu.Cr4Uintr = false; break;
            case "CPUID": cpu.CpuidUintr = false; break;
            case "mode": cpu.LongMode = false; break;
            default: lockPrefix = true; break;
        }

        var fault = Assert.Throws<ArchitecturalFault>(() => Uiret.Execute(cpu, lockPrefix));

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.Equal("UIRET", fault.Instruction);
    }

    [Fact]
    public void UIRET_to_a_non_canonical_RIP_raises_GP_and_changes_nothing()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0x0000_8000_0000_0000);
        cpu.Registers.Rsp = rsp;

        var fault = Assert.Throws<ArchitecturalFault>(() => Uiret.Execute(cpu));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        Assert.Equal(rsp, cpu.Registers.Rsp);
        Assert.False(cpu.State.Uif);
    }

    [Fact]
    public void Flexible_UIRET_takes_UIF_from_bit_1_of_the_popped_RFLAGS()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.CpuidFlexibleUiret = true;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0x4000_1000);
        f.Memory.WriteUInt64(rsp + 8, 0);
        f.Memory.WriteUInt64(rsp + 16, 0x30_7000);
        cpu.Registers.Rsp = rsp;

        Uiret.Execute(cpu);

        Assert.False(cpu.State.Uif);
    }

    [Fact]
    public void Delivery_to_a_non_canonical_handler_raises_GP_before_pushing()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Handler = 0x0001_0000_0000_0000;
        cpu.State.Uirr = 1;
        cpu.State.Uif = true;
        ulong rsp = cpu.Registers.Rsp;

        Assert.Equal(UintrFault.GeneralProtection, Assert.Throws<ArchitecturalFault>(() => UserInterruptDelivery.Deliver(cpu)).Fault);
        Assert.Equal(rsp, cpu.Registers.Rsp);
        Assert.Equal(1UL, cpu.State.Uirr);
    }

    [Fact]
    public void UIRET_keeps_the_current_RFLAGS_bits_outside_the_mask_and_clears_masked_ones_the_stack_has_clear()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0x4000_1000);
        f.Memory.WriteUInt64(rsp + 8, 0);
        f.Memory.WriteUInt64(rsp + 16, 0x30_7000);
        cpu.Registers.Rsp = rsp;
        cpu.Registers.Rflags = 0xFFFF_FFFF;

        Uiret.Execute(cpu);

        Assert.Equal((0xFFFF_FFFFUL & ~Rflags.UiretMask) | 0x2, cpu.Registers.Rflags);
        Assert.Equal(Rflags.IF, cpu.Registers.Rflags & Rflags.IF);
    }

    [Theory]
    [InlineData(false, 0UL, true)]
    [InlineData(false, 0x2UL, true)]
    [InlineData(true, 0x2UL, true)]
    [InlineData(true, 0x200UL, false)]
    public void UIRET_sets_UIF_and_flexible_UIRET_takes_it_from_popped_RFLAGS_bit_1(bool flexible, ulong poppedRflags, bool uif)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.CpuidFlexibleUiret = flexible;
        cpu.State.Uif = !uif;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0x4000_1000);
        f.Memory.WriteUInt64(rsp + 8, poppedRflags);
        f.Memory.WriteUInt64(rsp + 16, 0x30_7000);
        cpu.Registers.Rsp = rsp;

        Uiret.Execute(cpu);

        Assert.Equal(uif, cpu.State.Uif);
    }

    [Fact]
    public void UIRET_to_a_canonical_high_half_RIP_is_allowed()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        ulong rsp = 0x30_6000;
        f.Memory.WriteUInt64(rsp, 0xFFFF_8000_0000_0000);
        f.Memory.WriteUInt64(rsp + 16, 0x30_7000);
        cpu.Registers.Rsp = rsp;

        Uiret.Execute(cpu);

        Assert.Equal(0xFFFF_8000_0000_0000UL, cpu.Registers.Rip);
    }

    [Theory]
    [InlineData("UIRR")]
    [InlineData("CR4")]
    [InlineData("mode")]
    public void No_delivery_with_UIRR_0_with_CR4_UINTR_clear_or_outside_64_bit_mode(string condition)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.Uirr = 1UL << 2;
        cpu.State.Uif = true;
        Assert.True(UserInterruptDelivery.CanDeliver(cpu));

        switch (condition)
        {
            case "UIRR": cpu.State.Uirr = 0; break;
            case "CR4": cpu.Cr4Uintr = false; break;
            default: cpu.LongMode = false; break;
        }

        Assert.False(UserInterruptDelivery.CanDeliver(cpu));
    }

    [Fact]
    public void Outside_64_bit_mode_the_notification_vector_is_an_ordinary_interrupt()
    {
        var f = new UintrFixture();
        f.Receiver.LongMode = false;

        Assert.False(NotificationProcessing.IsNotification(f.Receiver, UintrFixture.Uinv));
    }

    [Fact]
    public void Notification_processing_keeps_UIRR_bits_already_pending_and_the_other_UPID_fields()
    {
        var f = new UintrFixture();
        f.Receiver.State.Uirr = 1UL << 40;
        f.Control |= Upid.Sn;
        Senduipi.Execute(f.Sender, 0);
        f.Control |= Upid.On;
        ulong control = f.Control;

        Assert.True(NotificationProcessing.Process(f.Receiver));

        Assert.Equal((1UL << 40) | (1UL << 5), f.Receiver.State.Uirr);
        Assert.Equal(control & ~Upid.On, f.Control);
    }

    [Fact]
    public void Notification_processing_with_an_empty_PIR_recognizes_nothing()
    {
        var f = new UintrFixture();
        f.Control |= Upid.On;

        Assert.False(NotificationProcessing.Process(f.Receiver));
        Assert.Equal(0UL, f.Control & Upid.On);
    }

    [Fact]
    public void A_stack_adjust_that_is_not_a_multiple_of_16_still_leaves_a_16_byte_aligned_frame()
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.State.WriteMsr(UintrMsr.StackAdjust, 0x86);
        cpu.State.Uirr = (1UL << 1) | (1UL << 9);
        cpu.State.Uif = true;
        cpu.Registers.Rsp = 0x30_7FFB;

        Assert.Equal(9, UserInterruptDelivery.Deliver(cpu));

        Assert.Equal(((0x30_7FFBUL - 0x86) & ~0xFUL) - 32, cpu.Registers.Rsp);
        Assert.Equal(1UL << 1, cpu.State.Uirr);
    }

    [Fact]
    public void In_xAPIC_mode_NDST_carries_the_APIC_ID_in_bits_15_to_8()
    {
        ulong control = Upid.ComposeControl(0xEC, 0x1_2345, x2Apic: false, on: true, sn: true);

        Assert.Equal(0x45UL << 40, control & (0xFFFF_FFFFUL << 32));
        Assert.Equal(0x45u, Upid.DestinationApicId(control, x2Apic: false));
        Assert.Equal(0xEC, Upid.Nv(control));
        Assert.Equal(Upid.On | Upid.Sn, control & (Upid.On | Upid.Sn));
        Assert.Equal(0x1_2345u, Upid.DestinationApicId(Upid.ComposeControl(0xEC, 0x1_2345, x2Apic: true), x2Apic: true));
    }
}
