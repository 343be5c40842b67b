using System;
using System.Collections.Generic;

namespace Uintr;

/// <summary>
/// Count, mean and percentiles of a latency in simulated cycles. Exact: it counts each distinct value (simulated
/// latencies take few distinct values), so memory stays small however many samples a long run adds.
/// </summary>
public sealed class LatencySummary
{
    private readonly Dictionary<long, long> _counts = new();
    private long[]? _sortedValues;
    private long _count;
    private double _sum;

    /// <summary>Number of samples.</summary>
    public long Count => _count;

    /// <summary>Mean in cycles (0 without samples).</summary>
    public double Mean => _count == 0 ? 0 : _sum / _count;

    /// <summary>Smallest sample (0 without samples).</summary>
    public long Min => Percentile(0);

    /// <summary>Largest sample (0 without samples).</summary>
    public long Max => Percentile(100);

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 to 100) in cycles (0 without samples).</summary>
    public long Percentile(double p)
    {
        if (p is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile lies between 0 and 100.");
        }

        if (_count == 0)
        {
            return 0;
        }

        if (_sortedValues is null)
        {
            _sortedValues = new long[_counts.Count];
            _counts.Keys.CopyTo(_sortedValues, 0);
            Array.Sort(_sortedValues);
        }

        long rank = Math.Max(1, (long)Math.Ceiling(p / 100 * _count));
        long seen = 0;
        foreach (long value in _sortedValues)
        {
            seen += _counts[value];
            if (seen >= rank)
            {
                return value;
            }
        }

        return _sortedValues[^1];
    }

    internal void Add(long cycles)
    {
        _count++;
        _sum += cycles;
        if (_counts.TryGetValue(cycles, out long n))
        {
            _counts[cycles] = n + 1;
        }
        else
        {
            _counts.Add(cycles, 1);
            _sortedValues = null;
        }
    }
}
