using System;
using System.Diagnostics;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>Timeouts as Stopwatch deadlines (<see langword="null"/> = forever).</summary>
internal static class WaitDeadline
{
    /// <summary>The deadline for <paramref name="timeout"/>: <see langword="null"/> and <see cref="Timeout.InfiniteTimeSpan"/> mean forever.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative timeout other than infinite.</exception>
    public static long? FromTimeout(TimeSpan? timeout, string parameterName)
    {
        if (timeout is not { } span || span == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        if (span < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, span, "The timeout must be zero or positive (or null to wait forever).");
        }

        long ticks = (long)Math.Min(span.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        return Stopwatch.GetTimestamp() + ticks;
    }

    public static bool HasPassed(long? deadline) => deadline is { } end && Stopwatch.GetTimestamp() >= end;

    public static long RemainingMicroseconds(long deadline) =>
        (long)Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline).TotalMicroseconds;

    /// <summary>One sleep of a sliced wait: what is left of <paramref name="deadline"/>, at least 1 us and at most <paramref name="maximum"/>.</summary>
    public static long Slice(long? deadline, long maximum) =>
        deadline is { } end ? Math.Clamp(RemainingMicroseconds(end), 1, maximum) : maximum;
}
