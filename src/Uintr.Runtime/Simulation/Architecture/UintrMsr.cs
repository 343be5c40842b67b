namespace Uintr.Simulation.Architecture;

/// <summary>The UINTR model-specific registers (SDM Vol. 4; docs/uintr-reference.md section 2).</summary>
internal static class UintrMsr
{
    /// <summary>IA32_UINTR_RR: UIRR, one pending bit per user vector.</summary>
    public const uint Rr = 0x985;

    /// <summary>IA32_UINTR_HANDLER: linear address of the user-interrupt handler (canonical).</summary>
    public const uint Handler = 0x986;

    /// <summary>IA32_UINTR_STACKADJUST: bit 0 set = load RSP with the value, else subtract it from RSP.</summary>
    public const uint StackAdjust = 0x987;

    /// <summary>IA32_UINTR_MISC: bits 31:0 UITTSZ, 39:32 UINV, 63:40 reserved.</summary>
    public const uint Misc = 0x988;

    /// <summary>IA32_UINTR_PD: UPID address, bits 5:0 reserved (64-byte aligned).</summary>
    public const uint Pd = 0x989;

    /// <summary>IA32_UINTR_TT: UITT address, bit 0 enables SENDUIPI, bits 3:1 reserved.</summary>
    public const uint Tt = 0x98A;

    public const ulong MiscReservedMask = 0xFFFF_FF00_0000_0000;
    public const ulong PdReservedMask = 0x3F;
    public const ulong TtValid = 0x1;
    public const ulong TtReservedMask = 0xE;
}
