using System.Collections.Generic;
using System.Linq;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>Where the cycles of one ping-pong round trip go, component by component.</summary>
internal sealed class RoundTripBreakdown
{
    public RoundTripBreakdown(string mechanism, IEnumerable<CostComponent> components)
    {
        Mechanism = mechanism;
        Components = components.ToArray();
    }

    /// <summary>The mechanism's display name.</summary>
    public string Mechanism { get; }

    /// <summary>The critical-path components, in the order a message meets them.</summary>
    public IReadOnlyList<CostComponent> Components { get; }

    /// <summary>The round trip in cycles: the sum of the components.</summary>
    public long TotalCycles => Components.Sum(c => c.TotalCycles);
}
