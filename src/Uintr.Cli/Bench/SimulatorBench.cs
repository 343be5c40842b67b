using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Uintr.Simulation.Timing.Validation;
using Uintr.Simulation.Workloads;

namespace Uintr.Cli.Bench;

/// <summary>
/// The simulator speed workloads of benchmarks/Uintr.Simulator.Benchmarks (<c>speed</c> verb), sized to run in a few
/// seconds: one warm-up run for the JIT, then the best of two timed runs.
/// </summary>
internal static class SimulatorBench
{
    public static IEnumerable<BenchRow> Run(double scale = 1.0)
    {
        long deliveries = Math.Max(1_000, (long)(100_000 * scale));
        int roundTrips = Math.Max(100, (int)(5_000 * scale));
        yield return Measure("machine ping-pong, 2 cores", "deliveries", () => new MachinePingPong().Run(deliveries).Deliveries);
        yield return Measure("interrupt storm, 4 cores x 64 vectors", "deliveries", () => new InterruptStorm(4, 64).Run(deliveries).Deliveries);
        yield return Measure("hosted threads ping-pong (Wait Spin)", "round trips", () => { SimulatedPingPong.Run(roundTrips, warmup: 0); return roundTrips; });
        yield return Measure("hosted threads ping-pong (Wait Block)", "round trips", () => { SimulatedPingPong.Run(roundTrips, warmup: 0, mode: UintrWaitMode.Block); return roundTrips; });
    }

    private static BenchRow Measure(string name, string unit, Func<long> run)
    {
        run();
        double best = double.MaxValue;
        long count = 0;
        for (int i = 0; i < 2; i++)
        {
            var clock = Stopwatch.StartNew();
            count = run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        var invariant = CultureInfo.InvariantCulture;
        return new BenchRow("simulator", name, string.Create(invariant, $"{count:N0} {unit}"), string.Create(invariant, $"{best * 1000:0.0} ms"),
            string.Create(invariant, $"{count / best:N0} {unit}/s"), "measured now");
    }
}
