using System;
using System.Linq;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// One operation of one stage counted in instructions, in a process of its own: the figure for the 1,000-receiver
/// project, which <see cref="InstructionCountReport"/> (every operation instrumented from the start) cannot count in
/// the time available. Everything before the operation (building the project, warming up every code path the operation
/// runs, settling the heap) runs uninstrumented, several times faster:
/// <code>
/// DOTNET_TieredCompilation=0 DOTNET_GCName=libclrgc.so DOTNET_gcConcurrent=0 valgrind --tool=callgrind --instr-atstart=no \
///     --callgrind-out-file=/tmp/uintr-cg1/out dotnet benchmarks/Uintr.Generators.Benchmarks/bin/Release/net10.0/Uintr.Generators.Benchmarks.dll \
///     instruction-count /tmp/uintr-cg1/out 1000 Full full|keystroke [--warmups N] [--keep-dump]
/// </code>
/// <c>--keep-dump</c> leaves the dump for <c>callgrind_annotate</c>; with <c>DOTNET_PerfMapEnabled=1</c> the file
/// <c>/tmp/perf-&lt;pid&gt;.map</c> names the JIT-compiled addresses in it.
/// The count is the whole process's (with the concurrent GC off, the operation's collections run on its own thread),
/// and only one operation per process is counted: the analyzer benchmark found later instrumented regions of one process
/// counted far too low.
/// </summary>
public static class SingleOperationCount
{
    public static void Run(string dumpPrefix, int receivers, PipelineStage stage, string operation, int warmUps, bool keepDump)
    {
        if (!CallgrindClient.IsRunningOnValgrind)
        {
            throw new InvalidOperationException("'instruction-count' counts with Callgrind: run it under valgrind --tool=callgrind --instr-atstart=no (see SingleOperationCount).");
        }

        bool keystroke = operation switch
        {
            "full" => false,
            "keystroke" => true,
            _ => throw new ArgumentException($"'{operation}': expected full or keystroke."),
        };
        var scenario = new GeneratorScenario(new SyntheticProject(receivers), stage);
        // With tiered compilation off these runs compile every method the measured operation executes; with it on, enough
        // of them (and the pause after them) let the hot methods reach their final, optimized tier before the count.
        for (int i = 0; i < warmUps; i++)
        {
            scenario.FullGeneration();
            scenario.Keystroke();
        }

        System.Threading.Thread.Sleep(TimeSpan.FromSeconds(2));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int[] collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        CallgrindClient.StartInstrumentation();
        CallgrindClient.Zero();
        if (keystroke)
        {
            scenario.Keystroke();
        }
        else
        {
            scenario.FullGeneration();
        }

        CallgrindClient.Dump(operation);
        CallgrindClient.StopInstrumentation();
        double count = InstructionCountReport.ReadLatestDump(dumpPrefix, keepDump) / 1e6;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6;
        string collections = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
        Console.WriteLine($"{receivers} receivers, {stage}, {operation}: {count:F2} million instructions (Callgrind, whole process, one operation after warm-up); {allocated:F1} MB allocated, gen0/1/2 collections {collections}");
    }
}
