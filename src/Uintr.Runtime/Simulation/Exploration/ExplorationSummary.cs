using System;
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

    /// <summary>Closes that dropped the last reference of a vector's fd (and so unregistered the vector).</summary>
    public long LastReferenceCloses { get; set; }

    public long ViolationCount { get; set; }

    /// <summary>
    /// Schedules that lost an interrupt or a wake-up to a flaw of the modelled kernel rather than of the model: RFC v1's
    /// receiver_clear_uvec orphaning UPID.ON (<see cref="Kernel.UintrKernel.OrphanedOnClears"/>).
    /// </summary>
    public long KernelFindingCount { get; set; }

    /// <summary>The first kernel findings (a bounded sample; <see cref="KernelFindingCount"/> counts them all).</summary>
    public List<ExplorationViolation> KernelFindings { get; } = new();

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

    public void AddKernelFinding(ExplorationViolation finding)
    {
        KernelFindingCount++;
        if (KernelFindings.Count < 20)
        {
            KernelFindings.Add(finding);
        }
    }

    /// <summary>
    /// Runs schedules from <paramref name="firstSeed"/> until one breaks an invariant, at most
    /// <paramref name="maxSchedules"/>: the first violation and how many schedules it took, or null when none was found.
    /// </summary>
    public static (ExplorationViolation Violation, int Schedules)? FirstViolation(Action<int, ExplorationSummary> runSchedule, int maxSchedules, int firstSeed)
    {
        var summary = new ExplorationSummary();
        for (int i = 0; i < maxSchedules; i++)
        {
            runSchedule(firstSeed + i, summary);
            if (summary.Violations.Count > 0)
            {
                return (summary.Violations[0], i + 1);
            }
        }

        return null;
    }
}
