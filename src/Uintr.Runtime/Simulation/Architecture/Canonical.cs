namespace Uintr.Simulation.Architecture;

/// <summary>48-bit canonical-address check (4-level paging): bits 63:47 all equal.</summary>
internal static class Canonical
{
    public static bool IsCanonical(ulong address)
    {
        ulong upper = address >> 47;
        return upper == 0 || upper == 0x1FFFF;
    }
}
