namespace Uintr.Simulation.Architecture;

/// <summary>SENDUIPI reg — send user inter-processor interrupt (SDM instruction page; docs/uintr-reference.md section 4).</summary>
internal static class Senduipi
{
    private const string Mnemonic = "SENDUIPI";

    /// <summary>
    /// Executes SENDUIPI with UITT index <paramref name="index"/> on <paramref name="cpu"/>. The returned result tells
    /// the local APIC whether to send the notification IPI (step 5), which the caller performs.
    /// </summary>
    public static SenduipiResult Execute(LogicalProcessor cpu, ulong index, bool lockPrefix = false)
    {
        var state = cpu.State;

        // #UD: LOCK prefix, CR4.UINTR = 0, IA32_UINTR_TT[0] = 0, CPUID bit clear, not 64-bit mode.
        if (lockPrefix)
        {
            throw ArchitecturalFault.InvalidOpcode(Mnemonic, "LOCK prefix");
        }

        RequireEnabled(cpu, Mnemonic);
        if (!state.SenduipiEnabled)
        {
            throw ArchitecturalFault.InvalidOpcode(Mnemonic, "IA32_UINTR_TT[0] = 0: no sender is registered on this thread");
        }

        // 1. IF reg > UITTSZ THEN #GP(0).
        if (index > state.Uittsz)
        {
            throw ArchitecturalFault.GeneralProtection(Mnemonic, $"UITT index {index} > UITTSZ {state.Uittsz}");
        }

        // 2. Read the UITT entry (a supervisor access); V = 0 or a reserved bit set: #GP(0).
        var memory = cpu.Memory;
        ulong entry = UittEntry.EntryAddress(state.UittAddress, index);
        ulong low = memory.ReadUInt64(entry);
        ulong upid = memory.ReadUInt64(entry + 8);
        if ((low & UittEntry.Valid) == 0)
        {
            throw ArchitecturalFault.GeneralProtection(Mnemonic, $"UITT entry {index} is not valid (V = 0)");
        }

        if ((low & UittEntry.ReservedMask) != 0 || (upid & UittEntry.UpidAddressReservedMask) != 0)
        {
            throw ArchitecturalFault.GeneralProtection(Mnemonic, $"UITT entry {index} has reserved bits set (0x{upid:X16}_{low:X16})");
        }

        int userVector = UittEntry.UserVector(low);

        // 3. Read the UPID under lock; reserved bits 15:2 or 31:24 set: #GP(0) (the lock is released).
        ulong control = Upid.ReadControl(memory, upid);
        if ((control & Upid.ReservedMask) != 0)
        {
            throw ArchitecturalFault.GeneralProtection(Mnemonic, $"UPID at 0x{upid:X} has reserved bits set (0x{control:X16})");
        }

        // 4. Set PIR[UV]; if SN = 0 and ON = 0, set ON and remember to notify. Write back, release.
        Upid.WritePir(memory, upid, Upid.ReadPir(memory, upid) | (1UL << userVector));
        bool notify = (control & (Upid.Sn | Upid.On)) == 0;
        bool setOn = notify;
        if (cpu.PlantedBugs != PlantedBugs.None)
        {
            // Defects the explorer's tests plant; never set on a machine a user builds.
            notify |= cpu.PlantedBugs.Has(PlantedBugs.SenduipiIgnoresOn) && (control & Upid.Sn) == 0;
            setOn = notify && !cpu.PlantedBugs.Has(PlantedBugs.SenduipiNeverSetsOn);
        }

        if (setOn)
        {
            Upid.WriteControl(memory, upid, control | Upid.On);
        }

        // 5. If notifying: an ordinary fixed IPI with vector NV to the APIC ID in NDST.
        return new SenduipiResult(userVector, upid, notify, Upid.DestinationApicId(control, cpu.X2ApicMode), Upid.Nv(control));
    }

    /// <summary>The #UD conditions shared by every UINTR instruction.</summary>
    public static void RequireEnabled(LogicalProcessor cpu, string mnemonic)
    {
        if (!cpu.CpuidUintr)
        {
            throw ArchitecturalFault.InvalidOpcode(mnemonic, "CPUID.(EAX=7,ECX=0):EDX[5] = 0: the processor does not support UINTR");
        }

        if (!cpu.Cr4Uintr)
        {
            throw ArchitecturalFault.InvalidOpcode(mnemonic, "CR4.UINTR = 0: the operating system has not enabled user interrupts");
        }

        if (!cpu.LongMode)
        {
            throw ArchitecturalFault.InvalidOpcode(mnemonic, "not in 64-bit mode");
        }
    }
}
