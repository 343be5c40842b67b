using System;
using System.Globalization;
using System.Linq;
using PingPong;
using Uintr;

// Usage: dotnet run --project samples/PingPong [-- --iterations N] [--warmup N] [--seed N]
var options = SampleOptions.Parse(args);
if (options is null)
{
    return 2;
}

var platform = UintrPlatform.Default;
Console.WriteLine("Uintr for .NET - PingPong");
Console.WriteLine($"Platform: {platform.Description}");
if (platform is UintrSimulator)
{
    // The simulator with this run's seed; a small seeded jitter gives the latencies a spread, as a measurement has.
    platform = UintrPlatform.Simulator(new SimulatorOptions { Seed = options.Seed, TimingJitter = 0.02 });
}

var run = new PingPongRun(platform, options.Warmup, options.Iterations);
long[] roundTrips = run.Run();
Array.Sort(roundTrips);

double ticksPerNs = platform.TimestampFrequency / 1e9;
string Format(double ticks) => string.Create(CultureInfo.InvariantCulture, $"{ticks,9:0} cycles {ticks / ticksPerNs,9:0.0} ns");
long Percentile(double p) => roundTrips[Math.Clamp((int)Math.Ceiling(p / 100 * roundTrips.Length) - 1, 0, roundTrips.Length - 1)];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Round trips: {options.Iterations} after {options.Warmup} warm-up, seed {options.Seed}, {Rally.Returns} returns counted by the handler"));
Console.WriteLine($"  round trip mean {Format(roundTrips.Average())}");
Console.WriteLine($"  round trip p50  {Format(Percentile(50))}");
Console.WriteLine($"  round trip p99  {Format(Percentile(99))}");
Console.WriteLine($"  round trip min  {Format(roundTrips[0])}");
Console.WriteLine($"  round trip max  {Format(roundTrips[^1])}");
if (platform is UintrSimulator simulator)
{
    var stats = simulator.Statistics;
    Console.WriteLine("One way, as the simulator splits it (DESIGN.md section 2):");
    Console.WriteLine($"  SENDUIPI -> trampoline entry (hardware) mean {Format(stats.HardwareLatency.Mean)}");
    Console.WriteLine($"  SENDUIPI -> managed handler (safe point) mean {Format(stats.DispatchLatency.Mean)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stats.Sends} sends, {stats.Notifications} notifications, {stats.Deliveries} deliveries, {stats.Dispatches} handlers run"));
}

return Rally.Returns == options.Iterations + options.Warmup + 1 ? 0 : 1;
