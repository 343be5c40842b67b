using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The measuring loop the <c>cputime</c>, <c>allocations</c> and <c>instructions</c> reports share: warm-up runs of every
/// scenario, then rounds in which every pipeline stage runs one full generation and several keystrokes in turn, so that
/// a change in load hits all stages alike. Only the measure differs between the reports.
/// </summary>
internal static class StageRounds
{
    /// <summary>The measured values per stage: one per full generation, and one per keystroke.</summary>
    public static (Dictionary<PipelineStage, List<double>> Full, Dictionary<PipelineStage, List<double>> Keystroke) Measure(
        GeneratorScenario[] scenarios, int warmUps, int rounds, int keystrokesPerRound, Func<Action, double> measure)
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
                full[scenario.Stage].Add(measure(() => scenario.FullGeneration()));
                for (int i = 0; i < keystrokesPerRound; i++)
                {
                    keystroke[scenario.Stage].Add(measure(() => scenario.Keystroke()));
                }
            }
        }

        return (full, keystroke);
    }
}
