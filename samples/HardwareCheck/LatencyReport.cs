using System;
using System.Globalization;

namespace HardwareCheck;

/// <summary>Latency samples in platform timestamp ticks, summarized in nanoseconds.</summary>
internal sealed class LatencyReport(long[] ticks, long ticksPerSecond)
{
    public void Print(string title)
    {
        Array.Sort(ticks);
        Console.WriteLine($"  {title}: {ticks.Length:N0} samples");
        Console.WriteLine($"    min {Nanoseconds(ticks[0])}  median {Nanoseconds(Percentile(0.50))}  p99 {Nanoseconds(Percentile(0.99))}  max {Nanoseconds(ticks[^1])}");
    }

    private long Percentile(double fraction) => ticks[(int)Math.Min(ticks.Length - 1, Math.Floor(fraction * ticks.Length))];

    private string Nanoseconds(long value) =>
        (value * 1e9 / ticksPerSecond).ToString("0", CultureInfo.InvariantCulture) + " ns";
}
