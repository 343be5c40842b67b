using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Iced.Intel;

namespace Uintr.Generators.Tests.Trampolines;

/// <summary>Decodes bytes with Iced (64-bit) and formats them with its default Intel formatter.</summary>
internal static class IcedDisassembly
{
    public static List<(Instruction Instruction, string Text, ConstantOffsets Offsets)> Decode(ImmutableArray<byte> code)
    {
        var bytes = code.ToArray();
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(bytes));
        decoder.IP = 0;
        var formatter = new IntelFormatter();
        var result = new List<(Instruction, string, ConstantOffsets)>();
        while (decoder.IP < (ulong)bytes.Length)
        {
            var instruction = decoder.Decode();
            var output = new StringOutput();
            formatter.Format(instruction, output);
            result.Add((instruction, output.ToStringAndReset(), decoder.GetConstantOffsets(instruction)));
        }

        return result;
    }

    public static string Format(IEnumerable<byte> bytes) => string.Join(" ", bytes.Select(b => b.ToString("X2")));
}
