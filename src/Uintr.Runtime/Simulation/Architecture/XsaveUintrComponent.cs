namespace Uintr.Simulation.Architecture;

/// <summary>
/// XSAVE supervisor state component 14, the UINTR state (UINTR-REFERENCE.md section 1): 48 bytes at
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
        memory.WriteUInt64(area + 0, state.Handler);
        memory.WriteUInt64(area + 8, state.StackAdjust);
        memory.WriteUInt64(area + 16, state.Misc | (state.Uif ? UifBit : 0));
        memory.WriteUInt64(area + 24, state.UpidAddress);
        memory.WriteUInt64(area + 32, state.Uirr);
        memory.WriteUInt64(area + 40, state.UittRaw);
        state.Uinv = 0;
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
            Handler = memory.ReadUInt64(area + 0),
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
