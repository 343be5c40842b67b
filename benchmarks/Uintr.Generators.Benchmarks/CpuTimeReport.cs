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
/// </summary>
public static partial class CpuTimeReport
{
    private const int ClockThreadCpuTime = 3;

    public static void Run(int iterations = 15)
    {
        var benchmarks = new GeneratorBenchmarks { Receivers = 1_000 };
        benchmarks.Setup();
        Report("FullGeneration", iterations, () => benchmarks.FullGeneration());
        Report("FullGenerationFloorAttributeOnly", iterations, () => benchmarks.FullGenerationFloorAttributeOnly());
        Report("KeystrokeInUnrelatedFile", iterations * 4, () => benchmarks.KeystrokeInUnrelatedFile());
        Report("KeystrokeFloorAttributeOnly", iterations * 4, () => benchmarks.KeystrokeFloorAttributeOnly());
    }

    private static void Report(string name, int iterations, Action operation)
    {
        // Warm-up: JIT, and the drivers' first incremental runs.
        for (int i = 0; i < 3; i++)
        {
            operation();
        }

        var samples = new List<double>(iterations);
        for (int i = 0; i < iterations; i++)
        {
            double start = ThreadCpuMilliseconds();
            operation();
            samples.Add(ThreadCpuMilliseconds() - start);
        }

        samples.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-32} thread CPU time: min {samples[0],8:F2} ms, median {samples[samples.Count / 2],8:F2} ms ({iterations} runs)"));
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
