using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Uintr.Generators.Tests.Incrementality;

/// <summary>Assertions on the run reasons of tracked incremental steps (the testing packages have none).</summary>
internal static class StepAssert
{
    /// <summary>The tracking name the driver gives source outputs (RegisterSourceOutput).</summary>
    public const string SourceOutput = "SourceOutput";

    /// <summary>The run reason of every output of every execution of <paramref name="stepName"/> in the run (empty if it did not run).</summary>
    public static ImmutableArray<IncrementalStepRunReason> OutputReasons(TrackedRun run, string stepName) =>
        Steps(run, stepName).SelectMany(step => step.Outputs).Select(o => o.Reason).ToImmutableArray();

    /// <summary>All executions of <paramref name="stepName"/> (pipeline or output step) in the run.</summary>
    public static ImmutableArray<IncrementalGeneratorRunStep> Steps(TrackedRun run, string stepName) =>
        run.Result.Results
            .SelectMany(r => Lookup(r.TrackedSteps, stepName).Concat(Lookup(r.TrackedOutputSteps, stepName)))
            .ToImmutableArray();

    /// <summary>Asserts that <paramref name="stepName"/> ran and every one of its outputs has one of <paramref name="allowed"/>.</summary>
    public static void OutputsAre(TrackedRun run, string stepName, params IncrementalStepRunReason[] allowed)
    {
        var reasons = OutputReasons(run, stepName);
        Assert.True(reasons.Length > 0, $"Step '{stepName}' produced no outputs in this run.");
        Assert.True(
            reasons.All(allowed.Contains),
            $"Step '{stepName}': expected only [{string.Join(", ", allowed)}], got [{string.Join(", ", reasons)}].");
    }

    /// <summary>Asserts the exact multiset of output reasons of <paramref name="stepName"/>, in any order.</summary>
    public static void OutputsExactly(TrackedRun run, string stepName, params IncrementalStepRunReason[] expected)
    {
        var actual = OutputReasons(run, stepName).OrderBy(r => r).ToArray();
        Assert.True(
            actual.SequenceEqual(expected.OrderBy(r => r)),
            $"Step '{stepName}': expected [{string.Join(", ", expected.OrderBy(r => r))}], got [{string.Join(", ", actual)}].");
    }

    /// <summary>Asserts that each of <paramref name="stepNames"/> (and the source output) did no new work: Cached or Unchanged.</summary>
    public static void NothingChanged(TrackedRun run, IEnumerable<string> stepNames)
    {
        foreach (string step in stepNames.Append(SourceOutput))
        {
            OutputsAre(run, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
    }

    private static IEnumerable<IncrementalGeneratorRunStep> Lookup(ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps, string name) =>
        steps.TryGetValue(name, out var found) ? found : Enumerable.Empty<IncrementalGeneratorRunStep>();
}
