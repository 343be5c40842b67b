using System.Numerics;
using System.Runtime.CompilerServices;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Execution;

/// <summary>
/// The status flags (CF PF AF ZF SF OF) an integer instruction produces, as the SDM's "Flags
/// Affected" sections define them, for 32- and 64-bit operand sizes. Each method returns only the
/// status bits; the caller merges them into RFLAGS.
/// </summary>
internal static class ArithmeticFlags
{
    /// <summary>All-ones mask of an operand size in bytes (4 or 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(int size) => size == 8 ? ulong.MaxValue : uint.MaxValue;

    /// <summary>The sign bit of an operand size in bytes (4 or 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SignBit(int size) => size == 8 ? 1UL << 63 : 1UL << 31;

    /// <summary>ADD (and XADD, INC without CF): CF on unsigned carry out, OF on signed overflow.</summary>
    public static ulong Add(ulong left, ulong right, ulong result, int size)
    {
        ulong mask = Mask(size);
        ulong flags = ResultFlags(result, size) | AuxiliaryCarry(left, right, result);
        if ((result & mask) < (left & mask))
        {
            flags |= Rflags.CF;
        }

        if (((left ^ result) & (right ^ result) & SignBit(size)) != 0)
        {
            flags |= Rflags.OF;
        }

        return flags;
    }

    /// <summary>SUB and CMP (and CMPXCHG, DEC without CF): CF on unsigned borrow, OF on signed overflow.</summary>
    public static ulong Subtract(ulong left, ulong right, ulong result, int size)
    {
        ulong mask = Mask(size);
        ulong flags = ResultFlags(result, size) | AuxiliaryCarry(left, right, result);
        if ((left & mask) < (right & mask))
        {
            flags |= Rflags.CF;
        }

        if (((left ^ right) & (left ^ result) & SignBit(size)) != 0)
        {
            flags |= Rflags.OF;
        }

        return flags;
    }

    /// <summary>
    /// AND, OR, XOR, TEST: OF = CF = 0; SF, ZF, PF from the result. AF is undefined in the SDM;
    /// the model clears it (as current Intel cores do), so runs stay deterministic.
    /// </summary>
    public static ulong Logic(ulong result, int size) => ResultFlags(result, size);

    /// <summary>SF, ZF and PF (parity of the low byte: set when it has an even number of ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ResultFlags(ulong result, int size)
    {
        ulong flags = 0;
        if ((result & Mask(size)) == 0)
        {
            flags |= Rflags.ZF;
        }

        if ((result & SignBit(size)) != 0)
        {
            flags |= Rflags.SF;
        }

        if ((BitOperations.PopCount(result & 0xFF) & 1) == 0)
        {
            flags |= Rflags.PF;
        }

        return flags;
    }

    /// <summary>AF: carry or borrow out of bit 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AuxiliaryCarry(ulong left, ulong right, ulong result) =>
        ((left ^ right ^ result) & 0x10) != 0 ? Rflags.AF : 0;
}
