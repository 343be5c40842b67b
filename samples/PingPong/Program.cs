using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using PingPong;
using PingPong.Comparison;
using PingPong.Measured;
using Spectre.Console;
using Uintr;
using Uintr.Cli.CommandLine;
using Uintr.Hardware;

// Usage: dotnet run --project samples/PingPong [-- --iterations N] [--warmup N] [--seed N] [--cores N] [--mechanisms LIST] [--no-measure]
// (--help lists them with their ranges). Bad input is one line on stderr and exit code 2.
SampleOptions? parsed = null;
int parseExitCode = CommandLineRunner.Invoke(SampleOptions.CreateCommand(o => { parsed = o; return 0; }), args, Console.Out, Console.Error);
if (parsed is not { } options)
{
    return parseExitCode;
}

if (Console.IsOutputRedirected)
{
    // Redirected output has no terminal width; give the tables room instead of Spectre's 80-column default.
    AnsiConsole.Profile.Width = 132;
}

// The default backend; when it is the simulator, it gets this run's seed and cores, and a small seeded jitter gives the
// latencies a spread, as a measurement has. The Platform line describes the machine this run actually uses.
var platform = UintrPlatform.Create(new UintrPlatformOptions
{
    Simulator = new SimulatorOptions { Seed = options.Seed, TimingJitter = RallySettings.TimingJitter, Cores = options.Cores },
});
Console.WriteLine("Uintr for .NET - PingPong");
Console.WriteLine($"Platform: {platform.Description}");

// ---- Simulated part: deterministic for a given seed, so it comes first. ----------------------------------------------
int roundTripsPerRun = options.Iterations + options.Warmup;
long[] roundTrips = Array.Empty<long>();
var comparison = new List<ComparisonRow>();
var simulatedSteps = new List<ProgressStep>
{
    new("simulated: user IPI rally", roundTripsPerRun, report => roundTrips = new PingPongRun(platform, options.Warmup, options.Iterations, done => report(done)).Run()),
    new("simulated: blocked user IPI and models", 1, _ => comparison.AddRange(SimulatedComparison.Rows(options))),
};
ProgressSteps.Run(SimulatedEstimate(options), simulatedSteps);
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
    Console.WriteLine("One way, as the simulator splits it (docs/architecture.md, \"Deferred dispatch\"):");
    Console.WriteLine($"  SENDUIPI -> trampoline entry (hardware) mean {Format(stats.HardwareLatency.Mean)}");
    Console.WriteLine($"  SENDUIPI -> managed handler (safe point) mean {Format(stats.DispatchLatency.Mean)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stats.Sends} sends, {stats.Notifications} notifications, {stats.Deliveries} deliveries, {stats.Dispatches} handlers run"));
}

// The spinning reference is this rally when it ran on the simulator; on hardware the table still compares simulated
// figures, so the reference is then a simulated rally with the same seed.
double spinCycles = platform is UintrSimulator
    ? roundTrips.Average()
    : Uintr.Simulation.Timing.Validation.SimulatedPingPong.Run(roundTripsPerRun, options.Warmup,
        new SimulatorOptions { Seed = options.Seed, TimingJitter = RallySettings.TimingJitter, Cores = options.Cores }).RoundTripCycles;
comparison.Insert(0, SimulatedComparison.SpinningUserIpi(spinCycles));
double cyclesPerNs = new SimulatorOptions().FrequencyHz / 1e9;

Console.WriteLine();
Console.WriteLine("The RFC's comparison, simulated (Sapphire Rapids model, 2.0 GHz; same seed, same numbers):");
AnsiConsole.Write(ComparisonTables.Simulated(comparison, cyclesPerNs));
Console.WriteLine("  × user IPI: round trip / the spinning user IPI above. RFC ×: the ratio Intel's RFC cover letter published (pre-production");
Console.WriteLine("  hardware; its eventfd, signal and pipe benchmarks used other protocols). Kernel paths are component models, not fits:");
Console.WriteLine("  docs/simulator-timing.md gives each cost's source and why each ratio misses.");

// ---- Measured part: wall clock on this machine, varies from run to run. -----------------------------------------------
int exitCode = Rally.Returns == options.Iterations + options.Warmup + 1 ? 0 : 1;
if (!options.Measure)
{
    return exitCode;
}

Console.WriteLine();
if (!OperatingSystem.IsLinux())
{
    Console.WriteLine($"Measured here: skipped, the baselines use Linux system calls and this is {RuntimeInformation.OSDescription}.");
    return exitCode;
}

var probe = HardwareProbe.Detect();
var budget = TimeSpan.FromSeconds(3);
var harness = new MeasuredPingPong(options.Warmup, options.Iterations, budget);
var measured = new List<MeasuredResult>();
var failures = new List<string>();
var measuredSteps = MeasuredBaselines.Measurable(options.Mechanisms).Select(mechanism => new ProgressStep($"measured here: {mechanism}", options.Iterations, report =>
{
    try
    {
        using var channel = MeasuredBaselines.Create(mechanism);
        measured.Add(harness.Run(mechanism, channel, done => report(done)));
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
    {
        failures.Add($"{mechanism}: {e.Message}");
    }
})).ToList();
ProgressSteps.Run(MeasuredEstimate(options, measuredSteps.Count), measuredSteps);

Console.WriteLine($"Measured here ({probe.CpuDescription} / {probe.OperatingSystemDescription}), wall clock, not simulated:");
if (measured.Count > 0)
{
    AnsiConsole.Write(ComparisonTables.Measured(measured, comparison, cyclesPerNs));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  Two unpinned threads, one message of size 1 each way, {options.Warmup} warm-up then up to {options.Iterations} round trips ({budget.TotalSeconds:0} s limit each), Stopwatch."));
Console.WriteLine("  Signals: tgkill to the peer thread with SIGUSR1/SIGUSR2 blocked, taken with sigtimedwait, so no handler (and no");
Console.WriteLine("  managed code) ever runs in signal context. These numbers vary from run to run and with the machine's load; the");
Console.WriteLine("  'sim. user IPI' ratio divides this machine's wall clock by the simulated Sapphire Rapids user IPI.");
if ((options.Mechanisms & Mechanism.EmulatedUserIpi) != 0)
{
    Console.WriteLine("  Emulated user IPI: the generated trampolines run natively on both threads, but each notification is a real-time");
    Console.WriteLine("  signal and each SENDUIPI and UIRET a #UD trap (docs/emulated.md): a real execution, NOT a hardware latency.");
}

foreach (string failure in failures)
{
    Console.WriteLine($"  failed: {failure}");
}

return failures.Count == 0 ? exitCode : 1;

// Rough wall-clock costs of the two parts on this kind of machine, to decide whether a progress bar is worth showing.
static TimeSpan SimulatedEstimate(SampleOptions options)
{
    const double SimulatedRoundTripSeconds = 150e-6;
    int runs = 1 + ((options.Mechanisms & Mechanism.BlockedUserIpi) != 0 ? 1 : 0);
    return TimeSpan.FromSeconds((options.Iterations + options.Warmup) * SimulatedRoundTripSeconds * runs);
}

static TimeSpan MeasuredEstimate(SampleOptions options, int mechanisms)
{
    const double MeasuredRoundTripSeconds = 20e-6;
    return TimeSpan.FromSeconds((options.Iterations + options.Warmup) * MeasuredRoundTripSeconds * mechanisms);
}
