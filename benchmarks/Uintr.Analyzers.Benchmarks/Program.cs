using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Analyzers.Benchmarks;

string startLoad = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : string.Empty;

// --check [--lines N] [--uintr-every N]: the synthetic project's size, that it compiles, and what the analyzers report on it.
// --quick [--rounds N] [--lines N] [--uintr-every N]: single-threaded compilations, interleaved rounds of process CPU time and allocations (paired own cost per round, its spread).
// --instructions <prefix> [--lines N] [--rounds N] [--uintr-every N] [--only plain|no-op|[no-op+]uintr|[no-op+]uintr:A,B|[no-op+]uintr-without:A,B]: instruction counts under Callgrind (load-independent).
// --profile [--rounds N] [--lines N] [--uintr-every N]: per-analyzer and per-action CPU time of the analyzing thread.
// Anything else goes to BenchmarkDotNet (e.g. --filter *).
if (args.Contains("--check"))
{
    var trees = SyntheticProject.Generate(LinesArgument(args, 50_000), UintrEveryArgument(args));
    int lines = trees.Sum(t => t.GetText().Lines.Count);
    var compilation = SyntheticProject.Compile(trees);
    var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    var analyzerDiagnostics = await compilation.WithAnalyzers(AnalyzerSet.All()).GetAnalyzerDiagnosticsAsync();
    Console.WriteLine($"{trees.Length} files, {lines} lines, {errors.Count} compiler errors, {analyzerDiagnostics.Length} analyzer diagnostics");
    foreach (var diagnostic in errors.Concat(analyzerDiagnostics).Take(10))
    {
        Console.WriteLine(diagnostic);
    }

    return errors.Count == 0 && analyzerDiagnostics.IsEmpty ? 0 : 1;
}

if (args.Contains("--quick"))
{
    // Full compilations on one thread (see SingleThreadedRuns): plain, with a no-op analyzer (the analyzer driver's
    // fixed cost, paid by any project with any analyzer), and with the Uintr analyzers. After a warm-up, each round
    // measures the three back to back, in alternating order (forward, then backward) so a drift in load or clock hits
    // all three alike; one round's own cost is a paired figure. Two measures of the same runs (see README): CPU time of
    // the process and bytes allocated. (Not the calling thread's CPU time: the analyzer driver runs on a pool thread.)
    var trees = SyntheticProject.Generate(LinesArgument(args, 50_000), UintrEveryArgument(args));
    var configurations = Configurations();
    for (int warmup = 0; warmup < 3; warmup++)
    {
        foreach (var (_, analyzers) in configurations)
        {
            SingleThreadedRuns.Compile(trees, analyzers);
        }
    }

    int rounds = RoundsArgument(args, 15);
    var measures = new (string Name, string Unit, Func<SingleThreadedRuns.Cost, double> Of)[]
    {
        ("process CPU time", "ms", c => c.ProcessMilliseconds),
        ("allocated", "MB", c => c.AllocatedBytes / 1e6),
    };
    var costs = configurations.ToDictionary(c => c.Name, _ => new List<SingleThreadedRuns.Cost>());
    for (int round = 0; round < rounds; round++)
    {
        var order = round % 2 == 0 ? configurations : configurations.Reverse().ToArray();
        foreach (var (name, analyzers) in order)
        {
            costs[name].Add(SingleThreadedRuns.Measure(() => SingleThreadedRuns.Compile(trees, analyzers)));
        }
    }

    Console.WriteLine($"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count)} lines, one thread (concurrentBuild: false, concurrentAnalysis: false), {rounds} interleaved rounds after 3 warm-up rounds; {SingleThreadedRuns.Settings()}");
    foreach (var (measure, unit, of) in measures)
    {
        var plain = costs["without analyzers"].Select(of).ToList();
        var noOp = costs["no-op analyzer"].Select(of).ToList();
        var uintr = costs["Uintr analyzers"].Select(of).ToList();
        Console.WriteLine($"{measure}:");
        foreach (var (name, _) in configurations)
        {
            var values = costs[name].Select(of).ToList();
            Console.WriteLine($"  {name}: min {values.Min():F1} {unit}, median {SingleThreadedRuns.Median(values):F1} {unit}, max {values.Max():F1} {unit}");
        }

        var driver = Enumerable.Range(0, rounds).Select(r => (noOp[r] / plain[r] - 1) * 100).ToList();
        var own = Enumerable.Range(0, rounds).Select(r => (uintr[r] - noOp[r]) / plain[r] * 100).ToList();
        Console.WriteLine($"  analyzer driver (no-op - plain) / plain, per round: min {driver.Min():+0.0;-0.0} %, median {SingleThreadedRuns.Median(driver):+0.0;-0.0} %, max {driver.Max():+0.0;-0.0} %");
        Console.WriteLine($"  Uintr analyzers' own cost (Uintr - no-op) / plain, per round: min {own.Min():+0.0;-0.0} %, median {SingleThreadedRuns.Median(own):+0.0;-0.0} %, max {own.Max():+0.0;-0.0} %; from the minimums {(uintr.Min() - noOp.Min()) / plain.Min() * 100:+0.0;-0.0} %; from the medians {(SingleThreadedRuns.Median(uintr) - SingleThreadedRuns.Median(noOp)) / SingleThreadedRuns.Median(plain) * 100:+0.0;-0.0} %");
    }

    Console.WriteLine($"load average before / after: {SingleThreadedRuns.LoadAverage(startLoad)} / {SingleThreadedRuns.LoadAverage()}");
    return 0;
}

if (args.Contains("--instructions"))
{
    // Instructions executed, counted by Callgrind (see Callgrind): a figure that does not depend on the load. Run under
    // Valgrind, with the runtime's segment GC (the default regions GC does not run under Valgrind), no tiered JIT (all
    // code is compiled once, in the warm-up) and no background GC, one process per configuration (see README):
    // DOTNET_GCName=libclrgc.so DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0 \
    //   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/ana-cg/out \
    //   dotnet benchmarks/Uintr.Analyzers.Benchmarks/bin/Release/net10.0/Uintr.Analyzers.Benchmarks.dll --instructions /tmp/ana-cg/out --lines 1000 --only uintr
    // A smaller project than the CPU-time modes by default (Callgrind runs about 50 times slower), same density.
    int dumpAt = Array.IndexOf(args, "--instructions") + 1;
    if (!Callgrind.IsRunning || dumpAt >= args.Length)
    {
        Console.Error.WriteLine("--instructions <callgrind-out-file prefix>: run under valgrind --tool=callgrind --instr-atstart=no (see Program.cs)");
        return 2;
    }

    string dumpPrefix = args[dumpAt];
    var trees = SyntheticProject.Generate(LinesArgument(args, 2_000), UintrEveryArgument(args));
    var configurations = Configurations();

    // Uninstrumented: JITs everything the rounds run (tiered compilation is off, so nothing is compiled again later).
    for (int warmup = 0; warmup < 2; warmup++)
    {
        foreach (var (_, analyzers) in configurations)
        {
            SingleThreadedRuns.Compile(trees, analyzers);
        }
    }

    // --only <plain|no-op|uintr>: measure one configuration, once. Only the first instrumented compilation of a process
    // is counted in full here: later ones came out far too low (see README), so one process per configuration.
    int onlyAt = Array.IndexOf(args, "--only");
    if (onlyAt >= 0 && onlyAt + 1 < args.Length)
    {
        // uintr:A,B runs only the named Uintr analyzers, uintr-without:A,B all but those (attribution, see README).
        string only = args[onlyAt + 1];
        // no-op+<set>: the set beside the no-op analyzer, whose syntax-node action every SDK build pays already (see README).
        bool besideNoOp = only.StartsWith("no-op+", StringComparison.Ordinal);
        string set = besideNoOp ? only.Substring("no-op+".Length) : only;
        var (onlyName, onlyAnalyzers) = set switch
        {
            "plain" when !besideNoOp => configurations[0],
            "no-op" when !besideNoOp => configurations[1],
            "uintr" => configurations[2],
            _ => ($"Uintr analyzers ({set})", AnalyzerSet.Select(set)),
        };
        if (besideNoOp)
        {
            (onlyName, onlyAnalyzers) = ("no-op analyzer and " + onlyName, configurations[1].Analyzers!.Value.AddRange(onlyAnalyzers!.Value));
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // --keep-dump: leave the dump for callgrind_annotate (with DOTNET_PerfMapEnabled=1, /tmp/perf-<pid>.map names the JIT-compiled code).
        // The collections and bytes of the measured compilation come with the count: a collection is a large block of
        // instructions (tens of millions), so they say how much of a difference is the collector's.
        int[] collectionsBefore = { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        double count = Callgrind.Instructions(() => SingleThreadedRuns.Compile(trees, onlyAnalyzers), dumpPrefix, keepDump: args.Contains("--keep-dump")) / 1e6;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6;
        string collections = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
        Console.WriteLine($"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count)} lines, {onlyName}: {count:F1} million instructions (Callgrind, whole process, the first instrumented compilation after 2 uninstrumented warm-up rounds); {allocated:F1} MB allocated, gen0/1/2 collections {collections}");
        return 0;
    }

    int rounds = RoundsArgument(args, 3);
    var counts = configurations.ToDictionary(c => c.Name, _ => new List<double>());
    var ownCost = new List<double>();
    var driverCost = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        var order = round % 2 == 0 ? configurations : configurations.Reverse().ToArray();
        foreach (var (name, analyzers) in order)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            counts[name].Add(Callgrind.Instructions(() => SingleThreadedRuns.Compile(trees, analyzers), dumpPrefix) / 1e6);
        }

        double plain = counts["without analyzers"][round];
        ownCost.Add((counts["Uintr analyzers"][round] - counts["no-op analyzer"][round]) / plain * 100);
        driverCost.Add((counts["no-op analyzer"][round] / plain - 1) * 100);
    }

    Console.WriteLine($"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count)} lines, one thread, millions of instructions (Callgrind, whole process), {rounds} interleaved rounds after 2 uninstrumented warm-up rounds");
    foreach (var (name, _) in configurations)
    {
        Console.WriteLine($"{name}: min {counts[name].Min():F1}, median {SingleThreadedRuns.Median(counts[name]):F1}, max {counts[name].Max():F1}");
    }

    Console.WriteLine($"analyzer driver (no-op - plain) / plain, per round: min {driverCost.Min():+0.00;-0.00} %, median {SingleThreadedRuns.Median(driverCost):+0.00;-0.00} %, max {driverCost.Max():+0.00;-0.00} %");
    Console.WriteLine($"Uintr analyzers' own cost (Uintr - no-op) / plain, per round: min {ownCost.Min():+0.00;-0.00} %, median {SingleThreadedRuns.Median(ownCost):+0.00;-0.00} %, max {ownCost.Max():+0.00;-0.00} %");
    return 0;
}

if (args.Contains("--profile"))
{
    // Which analyzer and which action costs what: all Uintr analyzers together on one thread, as in a build, each
    // wrapped in a TimedAnalyzer (CPU time of the thread inside each action), minimum and median over rounds, as a
    // share of the plain compilation's CPU time (process). Binding that several analyzers need is paid by the first
    // to ask. Then the profiling aids, each alone: what binding (operation trees) and graphs of the flow rules' bodies cost.
    var trees = SyntheticProject.Generate(LinesArgument(args, 50_000), UintrEveryArgument(args));
    int rounds = RoundsArgument(args, 5);
    var plain = new List<double>();
    var times = new Dictionary<string, List<double>>();
    var counts = new Dictionary<string, int>();
    var names = new List<string>();
    void Run(ImmutableArray<DiagnosticAnalyzer> analyzers, string suffix)
    {
        var timed = analyzers.Select(a => new TimedAnalyzer(a)).ToImmutableArray();
        var compilation = SyntheticProject.Compile(trees, concurrent: false);
        _ = SingleThreadedRuns.WithAnalyzers(compilation, timed.CastArray<DiagnosticAnalyzer>(), logTime: false).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        foreach (var analyzer in timed)
        {
            double total = 0;
            foreach (var (kind, (milliseconds, count)) in analyzer.Times.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                Add($"{analyzer.Name}{suffix}: {kind}", milliseconds, count);
                total += milliseconds;
            }

            Add($"{analyzer.Name}{suffix}", total, 0);
        }
    }

    void Add(string name, double milliseconds, int count)
    {
        if (!times.TryGetValue(name, out var list))
        {
            times[name] = list = new List<double>();
            names.Add(name);
        }

        list.Add(milliseconds);
        counts[name] = count;
    }

    for (int round = -1; round < rounds; round++)
    {
        // Round -1 is the warm-up; its figures are dropped.
        if (round == 0)
        {
            plain.Clear();
            times.Clear();
            names.Clear();
        }

        plain.Add(SingleThreadedRuns.CpuMilliseconds(() => SingleThreadedRuns.Compile(trees, null)));
        Run(AnalyzerSet.All(), string.Empty);
        Run(ImmutableArray.Create<DiagnosticAnalyzer>(new GraphOnlyAnalyzer(graph: false)), " alone (operation trees)");
        Run(ImmutableArray.Create<DiagnosticAnalyzer>(new GraphOnlyAnalyzer(graph: true)), " alone (operation trees + graphs)");
    }

    double baseline = SingleThreadedRuns.Median(plain);
    Console.WriteLine($"plain compilation (one thread): process cpu min {plain.Min():F0} ms, median {baseline:F0} ms; analyzer actions: thread cpu, {rounds} rounds after a warm-up");
    Console.WriteLine("analyzer [: action kind (calls)] | min ms | median ms | median % of plain");
    double sum = 0;
    foreach (string name in names)
    {
        double median = SingleThreadedRuns.Median(times[name]);
        bool total = !name.Contains(':', StringComparison.Ordinal);
        if (total && !name.Contains("alone", StringComparison.Ordinal))
        {
            sum += median;
        }

        Console.WriteLine($"{(total ? name : "  " + name + $" ({counts[name]})")} | {times[name].Min():F1} | {median:F1} | {median / baseline * 100:F1} %");
    }

    Console.WriteLine($"sum of the Uintr analyzers' medians | | {sum:F0} | {sum / baseline * 100:F1} %");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerOverheadBenchmarks).Assembly).Run(args);
return 0;

// The three configurations every mode compares: plain, with a no-op analyzer (the analyzer driver's fixed cost), and
// with the Uintr analyzers.
static (string Name, ImmutableArray<DiagnosticAnalyzer>? Analyzers)[] Configurations() =>
    new (string Name, ImmutableArray<DiagnosticAnalyzer>? Analyzers)[]
    {
        ("without analyzers", null),
        ("no-op analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer())),
        ("Uintr analyzers", AnalyzerSet.All()),
    };

static int RoundsArgument(string[] args, int fallback) => IntegerArgument(args, "--rounds", fallback, minimum: 1);

static int LinesArgument(string[] args, int fallback) => IntegerArgument(args, "--lines", fallback, minimum: 1);

// --uintr-every N: every N-th unit of the project is a Uintr unit, the others ordinary code (default 1: the dense
// workload; 0: no Uintr unit at all).
static int UintrEveryArgument(string[] args) => IntegerArgument(args, "--uintr-every", fallback: 1, minimum: 0);

// The integer after <paramref name="name"/>, or the fallback when it is missing, not a number or below the minimum.
static int IntegerArgument(string[] args, string name, int fallback, int minimum)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int value) && value >= minimum ? value : fallback;
}
