using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Uintr.Conformance;

/// <summary>Runs checks against a target: one at a time (for the tests) or all of them as KTAP (for <c>uintr selftest</c>).</summary>
internal static class ConformanceRunner
{
    /// <summary>Runs <paramref name="checks"/> against <paramref name="target"/>, writes KTAP version 1, returns the number of failures.</summary>
    public static int Run(IReadOnlyList<ConformanceCheck> checks, ConformanceTarget target, TextWriter output)
    {
        var ktap = new KtapWriter(output, checks.Count);
        ktap.Diagnostic(target.Description);
        var counts = new Dictionary<CheckStatus, int> { [CheckStatus.Pass] = 0, [CheckStatus.Fail] = 0, [CheckStatus.Skip] = 0 };
        foreach (var check in checks)
        {
            var outcome = RunOne(check, target);
            counts[outcome.Status]++;
            ktap.Result(check.Name, outcome);
        }

        ktap.Diagnostic($"Totals: pass:{counts[CheckStatus.Pass]} fail:{counts[CheckStatus.Fail]} xfail:0 xpass:0 skip:{counts[CheckStatus.Skip]} error:0");
        return counts[CheckStatus.Fail];
    }

    /// <summary>Runs one check: a skip when the target lacks what it needs, else its pass, failure or own skip.</summary>
    public static CheckOutcome RunOne(ConformanceCheck check, ConformanceTarget target)
    {
        if (target.UnavailableReason is { } unavailable)
        {
            return CheckOutcome.Skip(unavailable);
        }

        if (!target.IsSimulator && check.Requirement is CheckRequirement.CatchableFaults or CheckRequirement.SimulatedKernel)
        {
            return CheckOutcome.Skip(check.Requirement == CheckRequirement.SimulatedKernel
                ? "drives the simulator's kernel and CPU model directly"
                : $"the fault would end this process with a signal on the {target.Name} backend");
        }

        try
        {
            check.Body(target);
            return CheckOutcome.Pass;
        }
        catch (CheckSkippedException e)
        {
            return CheckOutcome.Skip(e.Message);
        }
        catch (CheckFailedException e)
        {
            return CheckOutcome.Fail(e.Message);
        }
        catch (Exception e)
        {
            return CheckOutcome.Fail($"unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The checks whose name contains <paramref name="filter"/> (all without one).</summary>
    public static IReadOnlyList<ConformanceCheck> Select(string? filter) =>
        filter is null ? ConformanceSuite.Checks : ConformanceSuite.Checks.Where(c => c.Name.Contains(filter, StringComparison.Ordinal)).ToList();
}
