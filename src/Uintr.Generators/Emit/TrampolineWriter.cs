using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Emit;

/// <summary>Writes a built trampoline as a <c>TrampolineImage</c> creation expression, one instruction per line.</summary>
internal static class TrampolineWriter
{
    private const string CompilerServices = "global::Uintr.CompilerServices.";

    // The expression of each variant at each indentation, written once per process: 1,000 receivers share at most 16
    // variants at a handful of nesting depths, and the text is most of a generated file.
    private static readonly ConcurrentDictionary<(TrampolineFlags Flags, int Indent, string Suffix), string> s_blocks = new();

    public static void Write(IndentedWriter writer, TrampolineCode trampoline, string suffix) =>
        writer.Raw(s_blocks.GetOrAdd((trampoline.Flags, writer.Indent, suffix), key => Format(trampoline, key.Indent, key.Suffix)));

    private static string Format(TrampolineCode trampoline, int indent, string suffix)
    {
        var writer = new IndentedWriter { Indent = indent };
        writer.Line($"new {CompilerServices}TrampolineImage(");
        writer.Indent++;
        writer.Line(Features(trampoline.Flags) + ",");
        writer.Line("new byte[]");
        writer.Line("{");
        writer.Indent++;
        foreach (string line in InstructionLines(trampoline))
        {
            writer.Line(line);
        }

        writer.Indent--;
        writer.Line("}" + (trampoline.Patches.IsEmpty ? ")" + suffix : ","));
        for (int i = 0; i < trampoline.Patches.Length; i++)
        {
            var patch = trampoline.Patches[i];
            string end = i == trampoline.Patches.Length - 1 ? ")" + suffix : ",";
            writer.Line($"new {CompilerServices}TrampolinePatch({CompilerServices}TrampolinePatchKind.{patch.Kind}, {patch.Offset.ToString(CultureInfo.InvariantCulture)}){end}");
        }

        return writer.ToString();
    }

    private static string[] InstructionLines(TrampolineCode trampoline)
    {
        var lines = trampoline.Instructions
            .Select(i => (Bytes: string.Join(" ", Enumerable.Range(i.Offset, i.Length).Select(o => $"0x{trampoline.Code[o]:X2},")), i.Text))
            .ToList();
        int width = lines.Max(l => l.Bytes.Length);
        return lines.Select(l => $"{l.Bytes.PadRight(width)} // {l.Text}").ToArray();
    }

    private static string Features(TrampolineFlags flags)
    {
        if (flags == TrampolineFlags.None)
        {
            return CompilerServices + "TrampolineFeatures.None";
        }

        var names = new List<string>();
        foreach (TrampolineFlags flag in new[] { TrampolineFlags.DeliveryCounters, TrampolineFlags.WakeWaiter, TrampolineFlags.AlternateStack, TrampolineFlags.EndBranch })
        {
            if ((flags & flag) != 0)
            {
                names.Add(CompilerServices + "TrampolineFeatures." + flag);
            }
        }

        return string.Join(" | ", names);
    }
}
