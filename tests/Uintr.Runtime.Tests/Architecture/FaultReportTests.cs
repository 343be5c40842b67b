using System;
using System.Collections.Generic;
using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

/// <summary>
/// Every fault a UINTR instruction, delivery, WRMSR/RDMSR or XRSTORS raises names the fault (#GP(0) or #UD, SDM Vol. 3
/// "User Interrupts" and the instruction pages), the instruction, and the condition with the values that broke it, since
/// that report is all a user sees of a faulting simulated program.
/// </summary>
public class FaultReportTests
{
    public static IEnumerable<object[]> Faults()
    {
        // SENDUIPI (SDM instruction page: #UD conditions, then steps 1 to 3).
        yield return Case("SENDUIPI with LOCK", UintrFault.InvalidOpcode, "SENDUIPI", new[] { "LOCK prefix" },
            f => Senduipi.Execute(f.Sender, 0, lockPrefix: true));
        yield return Case("SENDUIPI without CPUID support", UintrFault.InvalidOpcode, "SENDUIPI", new[] { "CPUID.(EAX=7,ECX=0):EDX[5] = 0", "does not support UINTR" },
            f => { f.Sender.CpuidUintr = false; Senduipi.Execute(f.Sender, 0); });
        yield return Case("SENDUIPI with CR4.UINTR clear", UintrFault.InvalidOpcode, "SENDUIPI", new[] { "CR4.UINTR = 0", "not enabled" },
            f => { f.Sender.Cr4Uintr = false; Senduipi.Execute(f.Sender, 0); });
        yield return Case("SENDUIPI outside 64-bit mode", UintrFault.InvalidOpcode, "SENDUIPI", new[] { "not in 64-bit mode" },
            f => { f.Sender.LongMode = false; Senduipi.Execute(f.Sender, 0); });
        yield return Case("SENDUIPI with TT[0] clear", UintrFault.InvalidOpcode, "SENDUIPI", new[] { "IA32_UINTR_TT[0] = 0", "no sender" },
            f => Senduipi.Execute(f.Receiver, 0));
        yield return Case("SENDUIPI index above UITTSZ", UintrFault.GeneralProtection, "SENDUIPI", new[] { "UITT index 256 > UITTSZ 255" },
            f => Senduipi.Execute(f.Sender, 256));
        yield return Case("SENDUIPI to an invalid entry", UintrFault.GeneralProtection, "SENDUIPI", new[] { "UITT entry 9 is not valid (V = 0)" },
            f => Senduipi.Execute(f.Sender, 9));
        yield return Case("SENDUIPI to an entry with reserved bits", UintrFault.GeneralProtection, "SENDUIPI",
            new[] { "UITT entry 2 has reserved bits set", "0x0000000000100048_0000000000000503" },
            f => { f.SetEntry(2, vector: 5, upid: UintrFixture.UpidAddress + 8); f.Memory.WriteUInt64(UittEntry.EntryAddress(UintrFixture.UittAddress, 2), 0x503); Senduipi.Execute(f.Sender, 2); });
        yield return Case("SENDUIPI to a UPID with reserved bits", UintrFault.GeneralProtection, "SENDUIPI",
            new[] { "UPID at 0x100040 has reserved bits set", "(0x00000006" },
            f => { f.Control |= 1UL << 8; Senduipi.Execute(f.Sender, 0); });

        // CLUI, STUI, TESTUI and UIRET share SENDUIPI's #UD conditions and name themselves.
        yield return Case("CLUI without CR4.UINTR", UintrFault.InvalidOpcode, "CLUI", new[] { "CR4.UINTR = 0" },
            f => { f.Receiver.Cr4Uintr = false; UifInstructions.Clui(f.Receiver); });
        yield return Case("STUI without CPUID support", UintrFault.InvalidOpcode, "STUI", new[] { "CPUID" },
            f => { f.Receiver.CpuidUintr = false; UifInstructions.Stui(f.Receiver); });
        yield return Case("TESTUI outside 64-bit mode", UintrFault.InvalidOpcode, "TESTUI", new[] { "64-bit mode" },
            f => { f.Receiver.LongMode = false; UifInstructions.Testui(f.Receiver); });
        yield return Case("UIRET with LOCK", UintrFault.InvalidOpcode, "UIRET", new[] { "LOCK prefix" },
            f => Uiret.Execute(f.Receiver, lockPrefix: true));
        yield return Case("UIRET without CR4.UINTR", UintrFault.InvalidOpcode, "UIRET", new[] { "CR4.UINTR = 0" },
            f => { f.Receiver.Cr4Uintr = false; Uiret.Execute(f.Receiver); });
        yield return Case("UIRET to a non-canonical RIP", UintrFault.GeneralProtection, "UIRET", new[] { "return RIP 0x0000800000000000 is not canonical" },
            f => { f.Memory.WriteUInt64(f.Receiver.Registers.Rsp, 0x0000_8000_0000_0000); Uiret.Execute(f.Receiver); });

        // Delivery (SDM "User-Interrupt Delivery": RIP = HANDLER must be canonical).
        yield return Case("delivery to a non-canonical handler", UintrFault.GeneralProtection, "user-interrupt delivery",
            new[] { "IA32_UINTR_HANDLER 0x0000800000000000 is not canonical" },
            f => { f.Receiver.State.Handler = 0x0000_8000_0000_0000; f.Receiver.State.Uirr = 1; UserInterruptDelivery.Deliver(f.Receiver); });

        // RDMSR and WRMSR of the UINTR MSRs (SDM Vol. 4 and the WRMSR checks of Vol. 3 "User Interrupts").
        yield return Case("RDMSR of a non-UINTR MSR", UintrFault.GeneralProtection, "RDMSR", new[] { "MSR 0x984 is not a UINTR MSR" },
            f => f.Receiver.State.ReadMsr(0x984));
        yield return Case("WRMSR of a non-UINTR MSR", UintrFault.GeneralProtection, "WRMSR", new[] { "MSR 0x98B is not a UINTR MSR" },
            f => f.Receiver.State.WriteMsr(0x98B, 0));
        yield return Case("WRMSR MISC with reserved bits", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_MISC reserved bits 63:40 set (0x0000010000000000)" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Misc, 1UL << 40));
        yield return Case("WRMSR PD unaligned", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_PD reserved bits 5:0 set (0x0000000000100048)", "64-byte aligned" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Pd, 0x10_0048));
        yield return Case("WRMSR TT with reserved bits", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_TT reserved bits 3:1 set (0x0000000000200004)" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Tt, 0x20_0004));
        yield return Case("WRMSR HANDLER non-canonical", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_HANDLER (0x986) value 0x0000800000000000 is not canonical" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Handler, 0x0000_8000_0000_0000));
        yield return Case("WRMSR STACKADJUST non-canonical", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_STACKADJUST (0x987)", "not canonical" },
            f => f.Receiver.State.WriteMsr(UintrMsr.StackAdjust, 0x0000_8000_0000_0000));
        yield return Case("WRMSR PD non-canonical", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_PD (0x989)", "not canonical" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Pd, 0x0000_8000_0000_0000));
        yield return Case("WRMSR TT non-canonical", UintrFault.GeneralProtection, "WRMSR", new[] { "IA32_UINTR_TT (0x98A)", "not canonical" },
            f => f.Receiver.State.WriteMsr(UintrMsr.Tt, 0x0000_8000_0000_0001));

        // The XSAVE image: an MSR read from it, and XRSTORS over live state.
        yield return Case("RDMSR of a non-UINTR MSR from the image", UintrFault.GeneralProtection, "RDMSR", new[] { "MSR 0x98B is not a UINTR MSR" },
            f => XsaveUintrComponent.ReadMsr(f.Memory, UintrFixture.StackBase, 0x98B));
        yield return Case("XRSTORS while UINV is not 0", UintrFault.GeneralProtection, "XRSTORS", new[] { "UINV = 0xEC is not 0" },
            f => XsaveUintrComponent.Restore(f.Receiver, UintrFixture.StackBase));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_names_its_kind_the_instruction_and_the_condition(string situation, UintrFault kind, string instruction, string[] reasonParts, object act)
    {
        // act is an Action<UintrFixture>; the fixture type is internal, so a public test method cannot name it.
        var fixture = new UintrFixture();

        var fault = Assert.Throws<ArchitecturalFault>(() => ((Action<UintrFixture>)act)(fixture));

        Assert.True(kind == fault.Fault, $"{situation}: {fault.Message}");
        Assert.Equal(instruction, fault.Instruction);
        foreach (string part in reasonParts)
        {
            Assert.Contains(part, fault.Reason, StringComparison.Ordinal);
        }

        string name = kind == UintrFault.GeneralProtection ? "#GP(0)" : "#UD";
        Assert.Equal($"{name} in {instruction}: {fault.Reason}", fault.Message);
        var exposed = fault.ToPublic();
        Assert.Equal((kind, instruction, fault.Reason), (exposed.Fault, exposed.Instruction, exposed.Reason));
    }

    [Fact]
    public void A_page_fault_names_the_unmapped_address()
    {
        var fault = Assert.Throws<PageFaultException>(() => new SimulatedMemory().ReadByte(0x1234_5678));

        Assert.Equal(0x1234_5678UL, fault.Address);
        Assert.Equal("#PF: access to unmapped simulated address 0x0000000012345678", fault.Message);
    }

    private static object[] Case(string situation, UintrFault kind, string instruction, string[] reasonParts, Action<UintrFixture> act) =>
        new object[] { situation, kind, instruction, reasonParts, act };
}
