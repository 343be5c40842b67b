using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The measuring loop the <c>cputime</c>, <c>allocations</c> and <c>instructions</c> reports share: warm-up runs of every
/// scenario, then rounds in which every pipeline stage runs one full generation and several keystrokes in turn, so that
/// a change in load hits all stages alike. Only the measure differs between the reports.
/// </summary>
/// <remarks>
/// <para>
/// With <c>settleHeap</c>, every measured operation starts on a collected heap. An operation that allocates more than
/// the GC's young-generation budget (a full generation of the 1,000-receiver project allocates about 26 MB) triggers
/// collections, and without settling, when they fall and what they copy depends on the garbage the previous operation
/// left: the operation of the stage that ran before it in the round, usually another stage. Timed that way, one stage's
/// minimum could come out 7 % below the floor that does a subset of its work. Settled, each operation pays the
/// collections its own allocations cause, which is what it costs in a compiler.
/// </para>
/// <para>
/// An operation that allocates far less than the budget (the 20-receiver project: under 1 MB) does not need it, and a
/// forced collection before it would only make it start with caches the collection evicted.
/// </para>
/// </remarks>
internal static class StageRounds
{
    /// <summary>The measured values per stage: one per full generation, and one per keystroke.</summary>
    public static (Dictionary<PipelineStage, List<double>> Full, Dictionary<PipelineStage, List<double>> Keystroke) Measure(
        GeneratorScenario[] scenarios, int warmUps, int rounds, int keystrokesPerRound, Func<Action, double> measure, bool settleHeap = false)
    {
        var full = scenarios.ToDictionary(s => s.Stage, _ => new List<double>());
        var keystroke = scenarios.ToDictionary(s => s.Stage, _ => new List<double>());
        foreach (var scenario in scenarios)
        {
            for (int i = 0; i < warmUps; i++)
            {
                scenario.FullGeneration();
                scenario.Keystroke();
            }
        }

        for (int round = 0; round < rounds; round++)
        {
            foreach (var scenario in scenarios)
            {
                Settle(settleHeap);
                full[scenario.Stage].Add(measure(() => scenario.FullGeneration()));
                for (int i = 0; i < keystrokesPerRound; i++)
                {
                    Settle(settleHeap);
                    keystroke[scenario.Stage].Add(measure(() => scenario.Keystroke()));
                }
            }
        }

        return (full, keystroke);
    }

    private static void Settle(bool settleHeap)
    {
        if (settleHeap)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
