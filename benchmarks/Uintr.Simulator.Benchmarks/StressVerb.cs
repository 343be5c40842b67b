using System;
using System.Diagnostics;
using System.Globalization;
using Uintr.Simulation.Exploration;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// <c>stress handshakes [count]</c> runs the explorer's hosted handshakes instead (10,000 by default).
/// <c>stress [schedules] [--reversed-restore]</c>: runs the schedule explorer (1,000,000 schedules by default) and prints the
/// number of violations, which must be 0. With <c>--reversed-restore</c> the kernel uses the broken restore order, and
/// the count shows how often the explorer finds the lost interrupt. Schedules that lose an interrupt to the RFC v1 kernel's
/// own flaw (UPID.ON orphaned by a last close) are counted apart, as kernel findings.
/// </summary>
internal sealed class StressVerb : IVerb
{
    public string Name => "stress";

    public string Summary => "schedule explorer: N random schedules (default 1,000,000); prints the violation count";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "handshakes")
        {
            return RunHandshakes(args[1..]);
        }

        long schedules = 1_000_000;
        var restore = RestoreOrder.ClearSuppressThenReadPir;
        foreach (string arg in args)
        {
            if (arg == "--reversed-restore")
            {
                restore = RestoreOrder.ReadPirThenClearSuppress;
            }
            else if (!long.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out schedules) || schedules <= 0)
            {
                Console.Error.WriteLine($"stress: '{arg}' is not a positive schedule count or --reversed-restore.");
                return 2;
            }
        }

        var explorer = new ScheduleExplorer(new ExplorationOptions(Restore: restore));
        var summary = new ExplorationSummary();
        var clock = Stopwatch.StartNew();
        const int Batch = 10_000;
        for (long done = 0; done < schedules; done += Batch)
        {
            int count = (int)Math.Min(Batch, schedules - done);
            explorer.Explore(count, (int)done, summary);
            if (done % 100_000 == 0 && done > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done,9:N0} schedules, {summary.ViolationCount} violations, {clock.Elapsed.TotalSeconds:0.0} s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Schedules:N0} schedules ({restore}) in {clock.Elapsed.TotalSeconds:0.0} s: {summary.Sends:N0} sends, {summary.Deliveries:N0} deliveries, " +
            $"{summary.ContextSwitches:N0} context switches ({summary.Migrations:N0} migrations), {summary.MaskWindows:N0} CLUI windows, " +
            $"{summary.BlockingWaits:N0} blocking waits, {summary.Closes:N0} closes ({summary.LastReferenceCloses:N0} of a last reference)"));
        foreach (var violation in summary.Violations)
        {
            Console.WriteLine("  " + violation);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RFC v1 kernel findings (UPID.ON orphaned by a last close): {summary.KernelFindingCount}"));
        foreach (var finding in summary.KernelFindings.GetRange(0, Math.Min(3, summary.KernelFindings.Count)))
        {
            Console.WriteLine("  " + finding);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"violations: {summary.ViolationCount}"));
        return restore == RestoreOrder.ClearSuppressThenReadPir && summary.ViolationCount != 0 ? 1 : 0;
    }

    private static int RunHandshakes(string[] args)
    {
        int count = ScheduleExplorer.DefaultSchedules;
        if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count <= 0)))
        {
            Console.Error.WriteLine($"stress handshakes: '{string.Join(' ', args)}' is not a positive handshake count.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var summary = new HandshakeExplorer().Explore(count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Schedules:N0} handshakes in {clock.Elapsed.TotalSeconds:0.0} s: {summary.Sends:N0} sends, {summary.Deliveries:N0} handled"));
        foreach (var violation in summary.Violations)
        {
            Console.WriteLine("  " + violation);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"violations: {summary.ViolationCount}"));
        return summary.ViolationCount != 0 ? 1 : 0;
    }
}
