using System.Globalization;
using System.Text;

// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>
/// Operand text in the style of Iced's default Intel formatter (lower-case registers, no space
/// after commas, hex numbers as <c>10h</c> with a leading zero before a letter, 0..9 in decimal),
/// so the generated comments read exactly like a disassembly of the bytes.
/// </summary>
internal static class IntelSyntax
{
    private static readonly string[] s_names64 =
    {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };

    private static readonly string[] s_names32 = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

    public static string Name(Register64 register) => s_names64[(int)register];

    public static string Name(Register32 register) => s_names32[(int)register];

    public static string Number(ulong value)
    {
        if (value <= 9)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        string hex = value.ToString("X", CultureInfo.InvariantCulture);
        return (char.IsLetter(hex[0]) ? "0" : string.Empty) + hex + "h";
    }

    /// <summary>The operand; <paramref name="sizeKeyword"/> (e.g. <c>qword</c>) when no register operand implies the size.</summary>
    public static string Memory(MemoryOperand memory, string? sizeKeyword = null)
    {
        var text = new StringBuilder();
        if (sizeKeyword is not null)
        {
            text.Append(sizeKeyword).Append(" ptr ");
        }

        text.Append('[').Append(Name(memory.Base));
        if (memory.Index is { } index)
        {
            text.Append('+').Append(Name(index));
            if (memory.Scale != 1)
            {
                text.Append('*').Append(memory.Scale.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (memory.Displacement > 0)
        {
            text.Append('+').Append(Number((ulong)memory.Displacement));
        }
        else if (memory.Displacement < 0)
        {
            text.Append('-').Append(Number((ulong)-(long)memory.Displacement));
        }

        return text.Append(']').ToString();
    }
}
