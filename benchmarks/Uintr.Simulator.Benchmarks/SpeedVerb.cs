using System;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Uintr.Simulation.Timing.Validation;
using Uintr.Simulation.Workloads;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// <c>speed</c>: simulated deliveries per host second for the machine model (ping-pong on two cores; the 64-vector storm
/// over 2 to 16 cores) and round trips per host second for hosted application threads. Quick wall-clock measurement
/// (best of three); the BenchmarkDotNet numbers come from <c>bdn</c>.
/// </summary>
internal sealed class SpeedVerb : IVerb
{
    public string Name => "speed";

    public string Summary => "simulator speed: deliveries and hosted round trips per host second";

    public int Run(string[] args)
    {
        var table = new Table().AddColumns("workload", "simulated events", "host time", "per host second");
        Add(table, "machine ping-pong, 2 cores", "deliveries", () => new MachinePingPong().Run(500_000).Deliveries);
        foreach (int cores in new[] { 2, 4, 8, 16 })
        {
            foreach (int vectors in new[] { 1, 8, 64 })
            {
                Add(table, $"storm, {cores} cores x {vectors} vectors", "deliveries", () => new InterruptStorm(cores, vectors).Run(200_000).Deliveries);
            }
        }

        Add(table, "hosted threads ping-pong (Wait Spin)", "round trips", () => { SimulatedPingPong.Run(20_000, warmup: 0); return 20_000; });
        AnsiConsole.Write(table);
        return 0;
    }

    private static void Add(Table table, string name, string unit, Func<long> run)
    {
        run();   // warm-up: JIT and tiering
        double best = double.MaxValue;
        long count = 0;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            count = run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        table.AddRow(name, string.Create(CultureInfo.InvariantCulture, $"{count:N0} {unit}"), string.Create(CultureInfo.InvariantCulture, $"{best * 1000:0.0} ms"),
            string.Create(CultureInfo.InvariantCulture, $"{count / best:N0}"));
    }
}
