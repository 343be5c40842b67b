using System;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Exploration;

/// <summary>
/// Runs many random schedules of senders, context switches, migrations, CLUI windows, blocking waits and fd closes
/// against one receiver, on the machine and kernel models directly (no hosted threads), and checks after each that
/// every send was followed by a delivery of its vector (coalescing allowed), that no delivery came without a send,
/// and that none came while the receiver was masked or not running user code. Each schedule is reproducible from its seed.
/// </summary>
internal sealed class ScheduleExplorer
{
    private readonly ExplorationOptions _options;
    private readonly UintrTiming _timing;

    public ScheduleExplorer(ExplorationOptions options, UintrTiming? timing = null)
    {
        _options = options;
        _timing = timing ?? UintrTiming.SapphireRapids;
    }

    /// <summary>Runs <paramref name="schedules"/> schedules with seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, ...</summary>
    public ExplorationSummary Explore(int schedules, int firstSeed = 0, ExplorationSummary? summary = null)
    {
        summary ??= new ExplorationSummary();
        for (int i = 0; i < schedules; i++)
        {
            RunSchedule(firstSeed + i, summary);
        }

        return summary;
    }

    /// <summary>Runs the schedule of <paramref name="seed"/> and adds what it did and found to <paramref name="summary"/>.</summary>
    public void RunSchedule(int seed, ExplorationSummary summary) => new ScheduleRun(_options, _timing, seed, summary).Run();
}
