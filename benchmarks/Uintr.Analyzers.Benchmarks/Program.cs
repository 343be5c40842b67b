using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Analyzers.Benchmarks;

// --check: the synthetic project's size, that it compiles, and what the analyzers report on it.
// --quick [--rounds N] [--lines N]: single-threaded compilations, interleaved CPU-time rounds (paired own cost per round, its spread).
// --profile [--rounds N]: per-analyzer and per-action CPU time of the analyzing thread.
// Anything else goes to BenchmarkDotNet (e.g. --filter *).
if (args.Contains("--check"))
{
    var trees = SyntheticProject.Generate();
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
    // Full compilations on one thread (see SingleThreadedRuns), CPU time: plain, with a no-op analyzer (the analyzer
    // driver's fixed cost, paid by any project with any analyzer), and with the Uintr analyzers. After a warm-up
    // (tiered JIT settles), each round measures the three back to back, in alternating order (forward, then
    // backward) so a drift in load or clock hits all three alike. One round's own cost is a paired figure.
    var trees = SyntheticProject.Generate(LinesArgument(args, 50_000));
    var configurations = new (string Name, ImmutableArray<DiagnosticAnalyzer>? Analyzers)[]
    {
        ("without analyzers", null),
        ("no-op analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer())),
        ("Uintr analyzers", AnalyzerSet.All()),
    };
    for (int warmup = 0; warmup < 3; warmup++)
    {
        foreach (var (_, analyzers) in configurations)
        {
            SingleThreadedRuns.Compile(trees, analyzers);
        }
    }

    int rounds = RoundsArgument(args, 15);
    var cpu = configurations.ToDictionary(c => c.Name, _ => new List<double>());
    var ownCost = new List<double>();
    var driverCost = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        var order = round % 2 == 0 ? configurations : configurations.Reverse().ToArray();
        foreach (var (name, analyzers) in order)
        {
            cpu[name].Add(SingleThreadedRuns.CpuMilliseconds(() => SingleThreadedRuns.Compile(trees, analyzers)));
        }

        double plain = cpu["without analyzers"][round];
        ownCost.Add((cpu["Uintr analyzers"][round] - cpu["no-op analyzer"][round]) / plain * 100);
        driverCost.Add((cpu["no-op analyzer"][round] / plain - 1) * 100);
    }

    Console.WriteLine($"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count)} lines, one thread (concurrentBuild: false, concurrentAnalysis: false), process CPU time, {rounds} interleaved rounds after 3 warm-up rounds");
    foreach (var (name, _) in configurations)
    {
        Console.WriteLine($"{name}: cpu min {cpu[name].Min():F0} ms, median {SingleThreadedRuns.Median(cpu[name]):F0} ms, max {cpu[name].Max():F0} ms");
    }

    Console.WriteLine($"analyzer driver (no-op - plain) / plain, per round: min {driverCost.Min():+0.0;-0.0} %, median {SingleThreadedRuns.Median(driverCost):+0.0;-0.0} %, max {driverCost.Max():+0.0;-0.0} %");
    Console.WriteLine($"Uintr analyzers' own cost (Uintr - no-op) / plain, per round: min {ownCost.Min():+0.0;-0.0} %, median {SingleThreadedRuns.Median(ownCost):+0.0;-0.0} %, max {ownCost.Max():+0.0;-0.0} %");
    Console.WriteLine($"  from the minimums of each configuration: {(cpu["Uintr analyzers"].Min() - cpu["no-op analyzer"].Min()) / cpu["without analyzers"].Min() * 100:+0.0;-0.0} %");
    return 0;
}

if (args.Contains("--profile"))
{
    // Which analyzer and which action costs what: all Uintr analyzers together on one thread, as in a build, each
    // wrapped in a TimedAnalyzer (CPU time of the thread inside each action), minimum and median over rounds, as a
    // share of the plain compilation's CPU time (process). Binding that several analyzers need is paid by the first
    // to ask. Then the profiling aids, each alone: what binding (operation trees) and graphs of the flow rules' bodies cost.
    var trees = SyntheticProject.Generate();
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

static int RoundsArgument(string[] args, int fallback)
{
    int index = Array.IndexOf(args, "--rounds");
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int rounds) && rounds > 0 ? rounds : fallback;
}

static int LinesArgument(string[] args, int fallback)
{
    int index = Array.IndexOf(args, "--lines");
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int lines) && lines > 0 ? lines : fallback;
}
