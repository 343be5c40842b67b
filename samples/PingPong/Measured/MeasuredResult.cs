using System;
using System.Linq;

namespace PingPong.Measured;

/// <summary>The round trips one mechanism took on this machine, in nanoseconds, sorted.</summary>
internal sealed class MeasuredResult
{
    private readonly double[] _sorted;

    public MeasuredResult(Mechanism mechanism, string name, double[] roundTripNs, bool stoppedEarly)
    {
        Mechanism = mechanism;
        Name = name;
        _sorted = roundTripNs.OrderBy(x => x).ToArray();
        StoppedEarly = stoppedEarly;
    }

    public Mechanism Mechanism { get; }

    public string Name { get; }

    public int Count => _sorted.Length;

    /// <summary>Whether the time budget ended the run before the requested round trips.</summary>
    public bool StoppedEarly { get; }

    public double MeanNs => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double MinNs => _sorted.Length == 0 ? double.NaN : _sorted[0];

    public double PercentileNs(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
