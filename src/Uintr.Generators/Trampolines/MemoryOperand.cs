using System;

// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>A memory operand <c>[base + index*scale + displacement]</c>.</summary>
internal readonly struct MemoryOperand
{
    private MemoryOperand(Register64 @base, Register64? index, int scale, int displacement)
    {
        if (index == Register64.Rsp)
        {
            throw new ArgumentException("RSP cannot be an index register.", nameof(index));
        }

        if (scale is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale is 1, 2, 4 or 8.");
        }

        Base = @base;
        Index = index;
        Scale = scale;
        Displacement = displacement;
    }

    public Register64 Base { get; }

    public Register64? Index { get; }

    public int Scale { get; }

    public int Displacement { get; }

    /// <summary><c>[base + displacement]</c>.</summary>
    public static MemoryOperand At(Register64 @base, int displacement = 0) => new(@base, null, 1, displacement);

    /// <summary><c>[base + index*scale + displacement]</c>.</summary>
    public static MemoryOperand Indexed(Register64 @base, Register64 index, int scale, int displacement = 0) => new(@base, index, scale, displacement);
}
