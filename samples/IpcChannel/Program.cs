using System;
using System.Collections.Generic;
using System.Globalization;
using IpcChannel;
using Uintr;

// Usage: dotnet run --project samples/IpcChannel [-- --round-trips N] [--warmup N] [--runs N] [--only uintr|eventfd]
// The sample starts itself again as the server process: --role uintr-server|eventfd-server --region PATH.
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

if (options.Role is { } role)
{
    // A server process started by this program.
    if (role == "eventfd-server")
    {
        using var inherited = UintrInheritance.FromEnvironment();
        EventfdChannel.Server(inherited, options.Region!);
    }
    else
    {
        var hardware = UintrPlatform.Hardware();
        using var inherited = UintrInheritance.FromEnvironment(hardware);
        UintrChannel.Server(hardware, inherited, options.Region!, options.Wait);
    }

    return 0;
}

var platform = UintrPlatform.Default;
bool simulated = platform is UintrSimulator;
Console.WriteLine("Uintr for .NET - IpcChannel: a request/response service between two processes");
Console.WriteLine("Requests and replies travel in two shared-memory rings (a memory-mapped file); a doorbell in each direction wakes the other side.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.RoundTrips} round trips per run ({options.Warmup} warm-up dropped), {options.Runs} runs; each cell: min / median over the runs."));
Console.WriteLine($"Platform: {platform.Description}");
if (simulated)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulated runs: a fresh machine per run, seeds 1 to {options.Runs}, 5 % timing jitter."));
}

Console.WriteLine();

var rows = new List<(string Doorbell, string How, (double Min, double Median)[] Figures)>();
if (options.Only is null or "uintr")
{
    foreach (var wait in (UintrWaitMode[])[UintrWaitMode.Block, UintrWaitMode.Spin])
    {
        var runs = new List<double[]>();
        for (int run = 0; run < options.Runs; run++)
        {
            // A fresh simulated machine per run, seeded by the run number, with a small timing jitter, so runs differ as measurements do.
            var runPlatform = simulated ? UintrPlatform.Simulator(new SimulatorOptions { Seed = run + 1, TimingJitter = 0.05 }) : platform;
            runs.Add(Latency.Summarize(UintrChannel.Run(runPlatform, options.RoundTrips + options.Warmup, wait), options.Warmup));
        }

        string how = simulated ? "SIMULATED: two simulated processes" : "real: two processes, UINTR hardware";
        rows.Add(($"user interrupt, Wait({wait})", how, Latency.AcrossRuns(runs)));
    }
}

if (options.Only is null or "eventfd")
{
    var runs = new List<double[]>();
    for (int run = 0; run < options.Runs; run++)
    {
        runs.Add(Latency.Summarize(EventfdChannel.Run(EventfdChannel.ThisProgramAsServer, options.RoundTrips + options.Warmup), options.Warmup));
    }

    rows.Add(("eventfd, blocking read", "REAL: two processes on this machine", Latency.AcrossRuns(runs)));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"doorbell",-27} {"processes",-36} {"p50 (us)",-17} {"p90 (us)",-17} {"p99 (us)",-17} {"p99.9 (us)",-17}"));
foreach (var (doorbell, how, figures) in rows)
{
    string cells = string.Join(" ", Array.ConvertAll(figures, f => string.Create(CultureInfo.InvariantCulture, $"{f.Min / 1000,7:0.00} / {f.Median / 1000,-7:0.00}")));
    Console.WriteLine($"{doorbell,-27} {how,-36} {cells}");
}

Console.WriteLine();
if (simulated)
{
    Console.WriteLine("The user-interrupt rows are SIMULATED (Sapphire Rapids timing model, 2.0 GHz; Block = uintr_wait, Spin = spinning in user space):");
    Console.WriteLine("this machine has no UINTR hardware. The eventfd row is MEASURED for real between two processes of this machine (blocking");
    Console.WriteLine("read/write), so the two kinds of rows come from different machines and compare only loosely.");
}
else
{
    Console.WriteLine("Both rows are measured for real between two processes of this machine.");
}

Console.WriteLine("docs/ipc.md explains the protocol, how each side's process is started, and the figures.");
return 0;

namespace IpcChannel
{
    /// <summary>Command-line options.</summary>
    internal sealed record Options(int RoundTrips, int Warmup, int Runs, string? Only, string? Role, string? Region, UintrWaitMode Wait = UintrWaitMode.Block)
    {
        public static Options? Parse(string[] args)
        {
            var options = new Options(5000, 500, 5, null, null, null);
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string? value = i + 1 < args.Length ? args[i + 1] : null;
                if (name is "-h" or "--help")
                {
                    Console.WriteLine("Usage: IpcChannel [--round-trips N] [--warmup N] [--runs N] [--only uintr|eventfd]");
                    return null;
                }

                if (value is null)
                {
                    return Fail($"{name} needs a value.");
                }

                i++;
                switch (name)
                {
                    case "--round-trips" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
                        options = options with { RoundTrips = n };
                        break;
                    case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n):
                        options = options with { Warmup = n };
                        break;
                    case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
                        options = options with { Runs = n };
                        break;
                    case "--only" when value is "uintr" or "eventfd":
                        options = options with { Only = value };
                        break;
                    case "--role" when value is "uintr-server" or "eventfd-server":
                        options = options with { Role = value };
                        break;
                    case "--wait" when Enum.TryParse(value, out UintrWaitMode mode):
                        options = options with { Wait = mode };
                        break;
                    case "--region":
                        options = options with { Region = value };
                        break;
                    default:
                        return Fail($"{name} {value}: unknown option or value out of range (see --help).");
                }
            }

            return options.Role is not null && options.Region is null ? Fail("--role needs --region PATH.") : options;
        }

        private static Options? Fail(string message)
        {
            Console.Error.WriteLine(message);
            return null;
        }
    }
}
