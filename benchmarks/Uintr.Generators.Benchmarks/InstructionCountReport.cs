using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The benchmarks' operations measured in instructions executed by the benchmark thread, counted by Callgrind: unlike
/// time, the count does not depend on what else the machine runs, so the ratios to the floor repeat from run to run.
/// Run it under Valgrind, with tiered compilation off so that no method is re-compiled between rounds, and the runtime's
/// segment-based GC (<c>libclrgc.so</c>; the default regions GC reserves more address space than Valgrind manages and
/// the process crashed):
/// <code>
/// DOTNET_TieredCompilation=0 DOTNET_GCName=libclrgc.so valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/tmp/uintr-cg/out \
///     dotnet benchmarks/Uintr.Generators.Benchmarks/bin/Release/net10.0/Uintr.Generators.Benchmarks.dll instructions /tmp/uintr-cg/out [20] [HandlerModels Full ...]
/// </code>
/// Counting is switched on (<see cref="CallgrindClient.Toggle"/>) only around each operation, on this thread; each
/// operation's count is dumped to a file of its own and read back. A garbage collection that happens to fall inside
/// an operation is counted with it, so the report gives min and median like the time-based ones.
/// </summary>
public static class InstructionCountReport
{
    /// <param name="dumpPrefix">Callgrind's <c>--callgrind-out-file</c>.</param>
    /// <param name="stages">The stages to count (the floor is always counted), or empty for all.</param>
    /// <param name="receivers">The project sizes to count (1,000 and 20 when empty): under Valgrind the large one takes long.</param>
    public static void Run(string dumpPrefix, IReadOnlyCollection<PipelineStage> stages, IReadOnlyCollection<int> receivers)
    {
        if (!CallgrindClient.IsRunningOnValgrind)
        {
            throw new InvalidOperationException("'instructions' counts with Callgrind: run it under valgrind --tool=callgrind --collect-atstart=no (see InstructionCountReport).");
        }

        var selected = Enum.GetValues<PipelineStage>().Where(stage => stage == PipelineStage.AttributeOnly || stages.Count == 0 || stages.Contains(stage)).ToArray();
        if (receivers.Count == 0 || receivers.Contains(1_000))
        {
            Report(1_000, rounds: 3, keystrokesPerRound: 2, dumpPrefix, selected);
        }

        foreach (int count in receivers.Where(count => count != 1_000).DefaultIfEmpty(receivers.Count == 0 ? 20 : 0).Where(count => count > 0))
        {
            Report(count, rounds: 5, keystrokesPerRound: 5, dumpPrefix, selected);
        }
    }

    private static void Report(int receivers, int rounds, int keystrokesPerRound, string dumpPrefix, PipelineStage[] stages)
    {
        var project = new SyntheticProject(receivers);
        var scenarios = stages.Select(stage => new GeneratorScenario(project, stage)).ToArray();
        // Tiered compilation is off, so one warm-up run compiles everything the rounds execute.
        var (full, keystroke) = StageRounds.Measure(scenarios, warmUps: 1, rounds, keystrokesPerRound, operation => Count(operation, dumpPrefix));

        Console.WriteLine($"{receivers} receivers x 4 handlers, millions of instructions of the benchmark thread (ratio to the AttributeOnly floor)");
        CpuTimeReport.Print("full generation", full, rounds, "F2");
        CpuTimeReport.Print("keystroke in an unrelated file", keystroke, rounds * keystrokesPerRound, "F3");
        Console.WriteLine();
    }

    private static double Count(Action operation, string dumpPrefix)
    {
        CallgrindClient.Zero();
        CallgrindClient.Toggle();
        operation();
        CallgrindClient.Toggle();
        CallgrindClient.Dump("operation");
        return ReadLatestDump(dumpPrefix) / 1e6;
    }

    // Callgrind names the n-th dump <prefix>.<n>; its "totals:" line is the instruction count since the last zeroing.
    internal static long ReadLatestDump(string dumpPrefix, bool keep = false)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(dumpPrefix))!;
        string name = Path.GetFileName(dumpPrefix) + ".";
        var latest = Directory.EnumerateFiles(directory)
            .Where(path => Path.GetFileName(path).StartsWith(name, StringComparison.Ordinal))
            .Select(path => (Path: path, Number: int.TryParse(Path.GetFileName(path).AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1))
            .Where(file => file.Number >= 0)
            .OrderByDescending(file => file.Number)
            .Select(file => file.Path)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No Callgrind dump named {dumpPrefix}.<n>: pass the --callgrind-out-file prefix.");
        foreach (string line in File.ReadLines(latest))
        {
            if (line.StartsWith("totals:", StringComparison.Ordinal) || line.StartsWith("summary:", StringComparison.Ordinal))
            {
                long total = long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                if (!keep)
                {
                    File.Delete(latest);
                }

                return total;
            }
        }

        throw new InvalidOperationException($"The Callgrind dump {latest} has no totals line.");
    }
}
