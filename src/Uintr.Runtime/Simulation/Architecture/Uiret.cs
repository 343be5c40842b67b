namespace Uintr.Simulation.Architecture;

/// <summary>UIRET — user-interrupt return (SDM instruction page; docs/uintr-reference.md section 7).</summary>
internal static class Uiret
{
    private const string Mnemonic = "UIRET";

    /// <summary>
    /// Pops RIP, RFLAGS and RSP (not the vector: the handler dropped it), restores RFLAGS only in
    /// <see cref="Rflags.UiretMask"/>, and sets UIF (from popped RFLAGS bit 1 with flexible UIRET).
    /// </summary>
    public static void Execute(LogicalProcessor cpu, bool lockPrefix = false)
    {
        if (lockPrefix)
        {
            throw ArchitecturalFault.InvalidOpcode(Mnemonic, "LOCK prefix");
        }

        Senduipi.RequireEnabled(cpu, Mnemonic);
        var regs = cpu.Registers;
        var memory = cpu.Memory;
        ulong rsp = regs.Rsp;
        ulong tempRip = memory.ReadUInt64(rsp);
        ulong tempRflags = memory.ReadUInt64(rsp + 8);
        ulong tempRsp = memory.ReadUInt64(rsp + 16);

        if (!Canonical.IsCanonical(tempRip))
        {
            throw ArchitecturalFault.GeneralProtection(Mnemonic, $"the return RIP 0x{tempRip:X16} is not canonical");
        }

        regs.Rip = tempRip;
        regs.Rflags = (regs.Rflags & ~Rflags.UiretMask) | (tempRflags & Rflags.UiretMask) | RegisterFile.RflagsFixedBits;
        regs.Rsp = tempRsp;
        cpu.State.Uif = !cpu.CpuidFlexibleUiret || (tempRflags & 0x2) != 0;
        if (cpu.PlantedBugs.Has(PlantedBugs.UiretLeavesUifClear))
        {
            cpu.State.Uif = false;   // a planted defect
        }
    }
}
