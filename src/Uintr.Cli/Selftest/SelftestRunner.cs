using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Uintr.Hardware;

namespace Uintr.Cli.Selftest;

/// <summary>Runs the suite against a backend and writes KTAP; returns the number of failures.</summary>
internal static class SelftestRunner
{
    /// <summary>Runs <paramref name="checks"/> against <paramref name="backend"/> on this machine.</summary>
    public static int Run(IReadOnlyList<SelftestCheck> checks, SelftestBackend backend, TextWriter output) =>
        Run(checks, backend, HardwareProbe.Detect(), output);

    /// <summary>Runs <paramref name="checks"/> against <paramref name="backend"/>; <paramref name="hardware"/> is the probe result used for the hardware backend.</summary>
    public static int Run(IReadOnlyList<SelftestCheck> checks, SelftestBackend backend, HardwareSupport hardware, TextWriter output)
    {
        var ktap = new KtapWriter(output, checks.Count);
        SelftestContext? context = null;
        string? skipAll = null;
        if (backend == SelftestBackend.Simulator)
        {
            context = SelftestContext.Simulator();
            ktap.Diagnostic("backend: UINTR simulator (a fresh simulated machine per check)");
        }
        else if (backend == SelftestBackend.Emulated)
        {
            try
            {
                var emulated = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
                context = SelftestContext.Emulated(emulated);
                ktap.Diagnostic($"backend: {emulated.Description}");
            }
            catch (PlatformNotSupportedException e)
            {
                skipAll = e.Message;
                ktap.Diagnostic(e.Message);
            }
        }
        else if (!hardware.IsAvailable)
        {
            skipAll = $"hardware backend unavailable: {hardware.UnavailableReason}";
            ktap.Diagnostic(hardware.Summary);
        }
        else
        {
            context = SelftestContext.Hardware(UintrPlatform.Hardware());
            ktap.Diagnostic($"backend: {hardware.Summary}");
        }

        var counts = new Dictionary<CheckStatus, int> { [CheckStatus.Pass] = 0, [CheckStatus.Fail] = 0, [CheckStatus.Skip] = 0 };
        foreach (var check in checks)
        {
            var outcome = skipAll is not null ? CheckOutcome.Skip(skipAll) : RunOne(check, context!);
            counts[outcome.Status]++;
            ktap.Result(check.Name, outcome);
        }

        ktap.Diagnostic($"Totals: pass:{counts[CheckStatus.Pass]} fail:{counts[CheckStatus.Fail]} xfail:0 xpass:0 skip:{counts[CheckStatus.Skip]} error:0");
        return counts[CheckStatus.Fail];
    }

    private static CheckOutcome RunOne(SelftestCheck check, SelftestContext context)
    {
        if (context.Backend == SelftestBackend.Hardware && check.Scope != CheckScope.PublicApi)
        {
            return CheckOutcome.Skip(check.Scope == CheckScope.SimulatedKernel
                ? "drives the simulator's kernel and CPU model directly"
                : "the fault would end this process with a signal on hardware");
        }

        if (context.Backend == SelftestBackend.Emulated && check.Scope != CheckScope.PublicApi)
        {
            return CheckOutcome.Skip(check.Scope == CheckScope.SimulatedKernel
                ? "drives the simulator's kernel and CPU model directly"
                : "expects RFC v1's per-thread UITT; the emulated UITT is per process, as on uintr-next");
        }

        try
        {
            check.Body(context);
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
    public static IReadOnlyList<SelftestCheck> Select(string? filter) =>
        filter is null ? SelftestSuite.Checks : SelftestSuite.Checks.Where(c => c.Name.Contains(filter, StringComparison.Ordinal)).ToList();
}
