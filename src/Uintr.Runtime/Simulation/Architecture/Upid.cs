namespace Uintr.Simulation.Architecture;

/// <summary>
/// The user posted-interrupt descriptor in memory (docs/uintr-reference.md section 3), 64-byte aligned:
/// bit 0 ON, bit 1 SN, bits 15:2 reserved, 23:16 NV, 31:24 reserved, 63:32 NDST; bits 127:64 PIR.
/// </summary>
internal static class Upid
{
    public const int Size = 16;
    public const int Alignment = 64;

    public const ulong On = 1UL << 0;
    public const ulong Sn = 1UL << 1;
    public const ulong ReservedMask = 0xFFFCUL | (0xFFUL << 24);
    public const int NvShift = 16;
    public const int NdstShift = 32;

    /// <summary>Offset of the 64-bit PIR word.</summary>
    public const ulong PirOffset = 8;

    public static byte Nv(ulong control) => (byte)(control >> NvShift);

    public static uint Ndst(ulong control) => (uint)(control >> NdstShift);

    /// <summary>The APIC ID NDST names: all 32 bits in x2APIC mode, bits 47:40 (NDST bits 15:8) in xAPIC mode.</summary>
    public static uint DestinationApicId(ulong control, bool x2Apic) => x2Apic ? Ndst(control) : (uint)((control >> 40) & 0xFF);

    /// <summary>Encodes NDST for an APIC ID in the given APIC mode.</summary>
    public static ulong EncodeNdst(uint apicId, bool x2Apic) => x2Apic ? (ulong)apicId << NdstShift : ((ulong)(apicId & 0xFF)) << 40;

    public static ulong ComposeControl(byte nv, uint apicId, bool x2Apic, bool on = false, bool sn = false) =>
        ((ulong)nv << NvShift) | EncodeNdst(apicId, x2Apic) | (on ? On : 0) | (sn ? Sn : 0);

    public static ulong ReadControl(SimulatedMemory memory, ulong upid) => memory.ReadUInt64(upid);

    public static void WriteControl(SimulatedMemory memory, ulong upid, ulong control) => memory.WriteUInt64(upid, control);

    public static ulong ReadPir(SimulatedMemory memory, ulong upid) => memory.ReadUInt64(upid + PirOffset);

    public static void WritePir(SimulatedMemory memory, ulong upid, ulong pir) => memory.WriteUInt64(upid + PirOffset, pir);
}
