using System;
using System.Collections.Generic;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Exploration;

/// <summary>
/// Runs many random schedules of senders, context switches, migrations, CLUI windows (some followed right after their
/// STUI by another CLUI), blocking waits (masked ones too), fd closes and an exec against one receiver, on the machine
/// and kernel models directly (no hosted threads). Its oracles: every send is followed by a delivery of its vector
/// (liveness; coalescing may merge sends, never create deliveries); each SENDUIPI sets its PIR bit, sets ON when it
/// notifies and notifies only when SN and ON were clear; each delivery is of the highest recognized vector, with no
/// notification left unacknowledged at its boundary, UIF = 1 and user code running before it, UIF = 0 in the handler
/// and the frame [RSP] = vector, RIP, RFLAGS, old RSP on a 16-byte aligned stack below the red zone; UIRET sets UIF
/// again; STUI delivers what is recognized at its own boundary; a blocked uintr_wait ends only through a wake-up and
/// returns at once only for a post; a released vector's PIR bit stays clear; SENDUIPI after exec raises #UD. Each
/// schedule is reproducible from its seed. <see cref="HandshakeExplorer"/> is its hosted half.
/// </summary>
internal sealed class ScheduleExplorer
{
    /// <summary>The schedule count the explorer's tests run, within which every planted bug must be found.</summary>
    public const int DefaultSchedules = 10_000;

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

    /// <summary>Runs schedules from <paramref name="firstSeed"/> until one breaks an invariant, at most <paramref name="maxSchedules"/>.</summary>
    /// <returns>The first violation and how many schedules it took, or null when none was found.</returns>
    public (ExplorationViolation Violation, int Schedules)? FirstViolation(int maxSchedules = DefaultSchedules, int firstSeed = 0) =>
        ExplorationSummary.FirstViolation(RunSchedule, maxSchedules, firstSeed);

    /// <summary>Runs the schedule of <paramref name="seed"/> and adds what it did and found to <paramref name="summary"/>.</summary>
    public void RunSchedule(int seed, ExplorationSummary summary) => new ScheduleRun(_options, _timing, seed, summary).Run();

    /// <summary>Runs the schedule of <paramref name="seed"/> again with the machine's trace on, to see how a violation came about.</summary>
    public IReadOnlyList<SimulationEvent> TraceSchedule(int seed, ExplorationSummary summary)
    {
        var run = new ScheduleRun(_options, _timing, seed, summary, recordTrace: true);
        run.Run();
        return run.Trace;
    }
}
