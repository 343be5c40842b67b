namespace Uintr.Simulation.Architecture;

/// <summary>
/// One 16-byte user-interrupt target table entry (docs/uintr-reference.md section 3): bit 0 V, bits 7:1 reserved,
/// bits 15:8 UV (0..63, so 15:14 must be 0), bits 63:16 reserved, bits 127:64 UPIDADDR (64-byte aligned).
/// </summary>
internal static class UittEntry
{
    public const int Size = 16;

    /// <summary>Linux allocates 256 entries (4 KiB): UITTSZ = 255.</summary>
    public const int LinuxEntryCount = 256;

    public const ulong Valid = 1UL;

    /// <summary>Bits that must be 0 in the first quadword of a valid entry: 7:1, 15:14 (UV above 63) and 63:16.</summary>
    public const ulong ReservedMask = 0xFEUL | 0xC000UL | 0xFFFF_FFFF_FFFF_0000UL;

    /// <summary>Bits 5:0 of UPIDADDR must be 0.</summary>
    public const ulong UpidAddressReservedMask = 0x3F;

    public static int UserVector(ulong low) => (int)((low >> 8) & 0xFF);

    public static ulong EntryAddress(ulong uittAddress, ulong index) => uittAddress + index * Size;

    public static void Write(SimulatedMemory memory, ulong uittAddress, ulong index, bool valid, int userVector, ulong upidAddress)
    {
        ulong entry = EntryAddress(uittAddress, index);
        memory.WriteUInt64(entry, (valid ? Valid : 0) | ((ulong)userVector << 8));
        memory.WriteUInt64(entry + 8, upidAddress);
    }
}
