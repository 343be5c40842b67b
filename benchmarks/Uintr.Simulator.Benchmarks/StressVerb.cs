using System;
using System.Diagnostics;
using System.Globalization;
using Uintr.Simulation.Exploration;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// <c>stress [schedules] [--reversed-restore]</c>: runs the schedule explorer (1,000,000 schedules by default) and prints the
/// number of violations, which must be 0. With <c>--reversed-restore</c> the kernel uses the broken restore order, and
/// the count shows how often the explorer finds the lost interrupt.
/// </summary>
internal sealed class StressVerb : IVerb
{
    public string Name => "stress";

    public string Summary => "schedule explorer: N random schedules (default 1,000,000); prints the violation count";

    public int Run(string[] args)
    {
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
            $"{summary.BlockingWaits:N0} blocking waits, {summary.Closes:N0} closes"));
        foreach (var violation in summary.Violations)
        {
            Console.WriteLine("  " + violation);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"violations: {summary.ViolationCount}"));
        return restore == RestoreOrder.ClearSuppressThenReadPir && summary.ViolationCount != 0 ? 1 : 0;
    }
}
