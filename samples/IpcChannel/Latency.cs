using System;
using System.Collections.Generic;
using System.Linq;

namespace IpcChannel;

/// <summary>Percentiles of round-trip latencies, and their min and median over several runs.</summary>
internal static class Latency
{
    public static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static double[] ToNanoseconds(long[] ticks, long ticksPerSecond) =>
        Array.ConvertAll(ticks, t => t * 1e9 / ticksPerSecond);

    /// <summary>Nearest-rank percentile <paramref name="p"/> of <paramref name="sorted"/>.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(sorted));
        }

        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The run's percentiles (after dropping <paramref name="warmup"/> round trips), in <see cref="Percentiles"/> order.</summary>
    public static double[] Summarize(double[] nanoseconds, int warmup)
    {
        double[] sorted = nanoseconds.Skip(warmup).ToArray();
        Array.Sort(sorted);
        return Array.ConvertAll(Percentiles, p => Percentile(sorted, p));
    }

    /// <summary>For each percentile, the minimum and the median over the runs.</summary>
    public static (double Min, double Median)[] AcrossRuns(IReadOnlyList<double[]> runs) =>
        Enumerable.Range(0, Percentiles.Length).Select(i =>
        {
            double[] values = runs.Select(r => r[i]).OrderBy(v => v).ToArray();
            double median = values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
            return (values[0], median);
        }).ToArray();
}
