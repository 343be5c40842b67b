using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The benchmarks' operations measured in bytes allocated by the benchmark thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>): <c>dotnet run -c Release --project
/// benchmarks/Uintr.Generators.Benchmarks -- allocations</c>. Like an instruction count it does not depend on the
/// machine's load, and it takes seconds instead of Callgrind's minutes; at 1,000 receivers what a stage allocates is
/// most of what it costs beyond its instructions (the garbage collections it causes, which copy the young compilation
/// the floor built).
/// </summary>
public static class AllocationReport
{
    public static void Run(int rounds = 5)
    {
        Report(1_000, rounds, keystrokesPerRound: 4);
        Report(20, rounds, keystrokesPerRound: 25);
    }

    private static void Report(int receivers, int rounds, int keystrokesPerRound)
    {
        var project = new SyntheticProject(receivers);
        var scenarios = Enum.GetValues<PipelineStage>().Select(stage => new GeneratorScenario(project, stage)).ToArray();
        var (full, keystroke) = StageRounds.Measure(scenarios, warmUps: 1, rounds, keystrokesPerRound, Allocated);

        Console.WriteLine($"{receivers} receivers x 4 handlers, KB allocated by the benchmark thread (ratio to the AttributeOnly floor)");
        CpuTimeReport.Print("full generation", full, rounds, "F1");
        CpuTimeReport.Print("keystroke in an unrelated file", keystroke, rounds * keystrokesPerRound, "F1");
        Console.WriteLine();
    }

    private static double Allocated(Action operation)
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        operation();
        return (GC.GetAllocatedBytesForCurrentThread() - start) / 1024.0;
    }
}
