namespace Uintr.Simulation.Architecture;

/// <summary>
/// XSAVE supervisor state component 14, the UINTR state (docs/uintr-reference.md section 1): 48 bytes at
/// +0 HANDLER, +8 STACKADJUST, +16 MISC (UITTSZ 31:0, UINV 39:32, UIF bit 63), +24 UPIDADDR, +32 UIRR, +40 UITTADDR
/// (the raw IA32_UINTR_TT value, bit 0 included).
/// </summary>
internal static class XsaveUintrComponent
{
    public const int ComponentIndex = 14;
    public const int Size = 48;
    private const ulong UifBit = 1UL << 63;

    /// <summary>XSAVES: writes the state to <paramref name="area"/> and then clears UINV, so the core stops recognizing notifications.</summary>
    public static void Save(LogicalProcessor cpu, ulong area)
    {
        var state = cpu.State;
        var memory = cpu.Memory;
        memory.WriteUInt64(area, state.Handler);
        memory.WriteUInt64(area + 8, state.StackAdjust);
        memory.WriteUInt64(area + 16, state.Misc | (state.Uif ? UifBit : 0));
        memory.WriteUInt64(area + 24, state.UpidAddress);
        memory.WriteUInt64(area + 32, state.Uirr);
        memory.WriteUInt64(area + 40, state.UittRaw);
        state.Uinv = 0;
    }

    /// <summary>
    /// A UINTR MSR as it stands in a saved image (the field XRSTORS will load it from). The kernel reads a switched-out
    /// task's MSRs here (xsave_rdmsrl on the buffer).
    /// </summary>
    public static ulong ReadMsr(SimulatedMemory memory, ulong area, uint msr) => msr switch
    {
        UintrMsr.Handler => memory.ReadUInt64(area),
        UintrMsr.StackAdjust => memory.ReadUInt64(area + 8),
        UintrMsr.Misc => memory.ReadUInt64(area + 16) & ~UifBit,
        UintrMsr.Pd => memory.ReadUInt64(area + 24),
        UintrMsr.Rr => memory.ReadUInt64(area + 32),
        UintrMsr.Tt => memory.ReadUInt64(area + 40),
        _ => throw ArchitecturalFault.GeneralProtection("RDMSR", $"MSR 0x{msr:X} is not a UINTR MSR"),
    };

    /// <summary>
    /// Writes a UINTR MSR into a saved image, so that XRSTORS loads it (xsave_wrmsrl on the buffer). The same reserved-bit
    /// and canonical checks as WRMSR apply; UIF, which shares the MISC field, is kept.
    /// </summary>
    public static void WriteMsr(SimulatedMemory memory, ulong area, uint msr, ulong value)
    {
        // Validate exactly as WRMSR would, on a scratch register file.
        new UserInterruptState().WriteMsr(msr, value);
        switch (msr)
        {
            case UintrMsr.Handler:
                memory.WriteUInt64(area, value);
                break;
            case UintrMsr.StackAdjust:
                memory.WriteUInt64(area + 8, value);
                break;
            case UintrMsr.Misc:
                memory.WriteUInt64(area + 16, value | (memory.ReadUInt64(area + 16) & UifBit));
                break;
            case UintrMsr.Pd:
                memory.WriteUInt64(area + 24, value);
                break;
            case UintrMsr.Rr:
                memory.WriteUInt64(area + 32, value);
                break;
            default:
                memory.WriteUInt64(area + 40, value);
                break;
        }
    }

    /// <summary>XRSTORS: loads the state from <paramref name="area"/>. #GP(0) if UINV is not 0 when it runs (a save that was not paired with this restore).</summary>
    public static UserInterruptState Restore(LogicalProcessor cpu, ulong area)
    {
        if (cpu.State.Uinv != 0)
        {
            throw ArchitecturalFault.GeneralProtection("XRSTORS", $"restoring the UINTR component while UINV = 0x{cpu.State.Uinv:X2} is not 0");
        }

        var memory = cpu.Memory;
        ulong misc = memory.ReadUInt64(area + 16);
        var state = new UserInterruptState
        {
            Handler = memory.ReadUInt64(area),
            StackAdjust = memory.ReadUInt64(area + 8),
            Uittsz = (uint)misc,
            Uinv = (byte)(misc >> 32),
            Uif = (misc & UifBit) != 0,
            UpidAddress = memory.ReadUInt64(area + 24),
            Uirr = memory.ReadUInt64(area + 32),
            UittRaw = memory.ReadUInt64(area + 40),
        };
        cpu.State = state;
        return state;
    }
}
