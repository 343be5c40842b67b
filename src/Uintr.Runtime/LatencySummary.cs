using System;
using System.Collections.Generic;

namespace Uintr;

/// <summary>Count, mean and percentiles of a latency in simulated cycles.</summary>
public sealed class LatencySummary
{
    private readonly List<long> _samples = new();
    private bool _sorted = true;

    /// <summary>Number of samples.</summary>
    public int Count => _samples.Count;

    /// <summary>Mean in cycles (0 without samples).</summary>
    public double Mean
    {
        get
        {
            if (_samples.Count == 0)
            {
                return 0;
            }

            double sum = 0;
            foreach (long sample in _samples)
            {
                sum += sample;
            }

            return sum / _samples.Count;
        }
    }

    /// <summary>Smallest sample (0 without samples).</summary>
    public long Min => Percentile(0);

    /// <summary>Largest sample (0 without samples).</summary>
    public long Max => Percentile(100);

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 to 100) in cycles.</summary>
    public long Percentile(double p)
    {
        if (p is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile lies between 0 and 100.");
        }

        if (_samples.Count == 0)
        {
            return 0;
        }

        if (!_sorted)
        {
            _samples.Sort();
            _sorted = true;
        }

        int rank = (int)Math.Ceiling(p / 100 * _samples.Count);
        return _samples[Math.Clamp(rank - 1, 0, _samples.Count - 1)];
    }

    internal void Add(long cycles)
    {
        _sorted &= _samples.Count == 0 || _samples[^1] <= cycles;
        _samples.Add(cycles);
    }
}
