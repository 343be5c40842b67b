using System.Collections.Generic;

namespace Uintr.Simulation.Exploration;

/// <summary>What a batch of schedules found.</summary>
internal sealed class ExplorationSummary
{
    public long Schedules { get; set; }

    public long Sends { get; set; }

    public long Deliveries { get; set; }

    public long ContextSwitches { get; set; }

    public long Migrations { get; set; }

    public long MaskWindows { get; set; }

    public long BlockingWaits { get; set; }

    public long Closes { get; set; }

    /// <summary>Runtime waits that a delivery inside the wait window sent to the abort label instead of the kernel.</summary>
    public long AbortedWaits { get; set; }

    public long ViolationCount { get; set; }

    /// <summary>The first violations found (a bounded sample; <see cref="ViolationCount"/> counts them all).</summary>
    public List<ExplorationViolation> Violations { get; } = new();

    public void Add(ExplorationViolation violation)
    {
        ViolationCount++;
        if (Violations.Count < 20)
        {
            Violations.Add(violation);
        }
    }
}
