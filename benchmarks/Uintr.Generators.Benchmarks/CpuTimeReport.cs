using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The benchmarks' operations timed in CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID) rather than wall-clock
/// time: on a machine shared with other jobs a thread waiting for a core accrues no CPU time, so these figures show
/// the work itself. <c>dotnet run -c Release --project benchmarks/Uintr.Generators.Benchmarks -- cputime</c>.
/// Every pipeline stage runs in each round, one after the other, so that load changes during the run hit all stages
/// alike; each stage is reported with its min and median and its ratio to the floor (<see cref="PipelineStage.AttributeOnly"/>).
/// </summary>
public static partial class CpuTimeReport
{
    private const int ClockThreadCpuTime = 3;

    public static void Run(int rounds = 15)
    {
        Report(1_000, rounds, keystrokesPerRound: 4, settleHeap: true);
        Report(20, rounds * 4, keystrokesPerRound: 25, settleHeap: false);
    }

    private static void Report(int receivers, int rounds, int keystrokesPerRound, bool settleHeap)
    {
        var project = new SyntheticProject(receivers);
        var scenarios = Enum.GetValues<PipelineStage>().Select(stage => new GeneratorScenario(project, stage)).ToArray();
        // Three warm-up runs: JIT, and the drivers' first incremental runs.
        var (full, keystroke) = StageRounds.Measure(scenarios, warmUps: 3, rounds, keystrokesPerRound, Time, settleHeap);

        string heap = settleHeap ? ", heap collected before each operation" : string.Empty;
        Console.WriteLine($"{receivers} receivers x 4 handlers, thread CPU time in ms (ratio to the AttributeOnly floor){heap}");
        Print("full generation", full, rounds, "F3");
        Print("keystroke in an unrelated file", keystroke, rounds * keystrokesPerRound, "F3");
        Console.WriteLine();
    }

    /// <summary>
    /// One line per stage: min and median, each with its ratio to the floor's; and the paired ratio: the median, with the
    /// quartiles, of the ratios of each measurement to the floor's measurement at the same place of the same round. The
    /// stages of a round run within a second of each other, so pairing cancels the load changes between rounds that the
    /// ratio of two minimums (taken in different rounds) does not.
    /// </summary>
    internal static void Print(string operation, Dictionary<PipelineStage, List<double>> samples, int count, string format)
    {
        var floorValues = samples[PipelineStage.AttributeOnly];
        var floor = Summary(floorValues);
        foreach (var (stage, values) in samples)
        {
            var (min, median) = Summary(values);
            var paired = values.Select((value, i) => value / floorValues[i]).OrderBy(ratio => ratio).ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {operation,-31} {stage,-15} min {min.ToString(format, CultureInfo.InvariantCulture),9} ({min / floor.Min,5:F3}x)  median {median.ToString(format, CultureInfo.InvariantCulture),9} ({median / floor.Median,5:F3}x)  paired {paired[paired.Count / 2],5:F3}x [{paired[paired.Count / 4]:F3}, {paired[paired.Count * 3 / 4]:F3}]  {count} runs"));
        }
    }

    private static (double Min, double Median) Summary(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return (sorted[0], sorted[sorted.Count / 2]);
    }

    private static double Time(Action operation)
    {
        double start = ThreadCpuMilliseconds();
        operation();
        return ThreadCpuMilliseconds() - start;
    }

    private static double ThreadCpuMilliseconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
