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
// --quick [--rounds N]: interleaved CPU-time rounds without BenchmarkDotNet (paired own cost per round, its spread).
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
    // Full compilations (diagnostics + emit), interleaved after a warm-up so load and JIT tiering hit all alike:
    // plain, with a no-op analyzer (the analyzer driver's fixed cost, paid by any project with any analyzer), and
    // with the Uintr analyzers. CPU time of the process, median of 7.
    var benchmarks = new AnalyzerOverheadBenchmarks();
    benchmarks.Setup();
    var configurations = new (string Name, Action Run)[]
    {
        ("without analyzers", () => benchmarks.CompileWithoutAnalyzers()),
        ("no-op analyzer", () => benchmarks.CompileWith(ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer())).GetAwaiter().GetResult()),
        ("Uintr analyzers", () => benchmarks.CompileWithAnalyzers().GetAwaiter().GetResult()),
    };
    for (int warmup = 0; warmup < 2; warmup++)
    {
        foreach (var configuration in configurations)
        {
            configuration.Run();
        }
    }

    // Each round measures the three configurations back to back, so one round's own cost is a paired figure: the
    // load that slows one configuration in that round slows its neighbours too. The spread over rounds is reported.
    int rounds = RoundsArgument(args, 9);
    var cpu = configurations.ToDictionary(c => c.Name, _ => new List<double>());
    var wall = configurations.ToDictionary(c => c.Name, _ => new List<double>());
    var ownCost = new List<double>();
    var totalCost = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        foreach (var (name, run) in configurations)
        {
            Measure(run, wall[name], cpu[name]);
        }

        double roundPlain = cpu["without analyzers"][round];
        ownCost.Add((cpu["Uintr analyzers"][round] - cpu["no-op analyzer"][round]) / roundPlain * 100);
        totalCost.Add((cpu["Uintr analyzers"][round] / roundPlain - 1) * 100);
    }

    foreach (var (name, _) in configurations)
    {
        Console.WriteLine($"{name}: cpu min {cpu[name].Min():F0} ms, median {Median(cpu[name]):F0} ms; wall median {Median(wall[name]):F0} ms");
    }

    Console.WriteLine($"Uintr analyzers vs compilation without analyzers (per round): min {totalCost.Min():+0.0;-0.0} %, median {Median(totalCost):+0.0;-0.0} %, max {totalCost.Max():+0.0;-0.0} %");
    Console.WriteLine($"Uintr analyzers' own cost (Uintr - no-op) / plain, per round, {rounds} rounds: min {ownCost.Min():+0.0;-0.0} %, median {Median(ownCost):+0.0;-0.0} %, max {ownCost.Max():+0.0;-0.0} %");
    Console.WriteLine($"  (from the medians of each configuration instead: {(Median(cpu["Uintr analyzers"]) - Median(cpu["no-op analyzer"])) / Median(cpu["without analyzers"]) * 100:+0.0;-0.0} %)");
    return 0;
}

if (args.Contains("--profile"))
{
    // Each analyzer alone, and a no-op analyzer (the analyzer driver's own cost), against the plain compilation.
    var trees = SyntheticProject.Generate();
    var sets = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
    {
        ("driver only (no-op analyzer)", ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer())),
        ("operation trees of the disposal rule's methods", ImmutableArray.Create<DiagnosticAnalyzer>(new GraphOnlyAnalyzer(graph: false))),
        ("operation trees and graphs of the disposal rule's methods", ImmutableArray.Create<DiagnosticAnalyzer>(new GraphOnlyAnalyzer(graph: true))),
    };
    sets.AddRange(AnalyzerSet.All().Select(a => (a.GetType().Name, ImmutableArray.Create(a))));
    sets.Add(("all", AnalyzerSet.All()));
    void RunOnce(ImmutableArray<DiagnosticAnalyzer>? analyzers)
    {
        var compilation = SyntheticProject.Compile(trees);
        _ = analyzers is { } set ? compilation.WithAnalyzers(set).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length : compilation.GetDiagnostics().Length;
    }

    // Warm-up (tiered JIT settles), then interleaved rounds so drift and load hit every configuration alike.
    var all = new List<(string Name, ImmutableArray<DiagnosticAnalyzer>? Analyzers)> { ("compiler diagnostics only", null) };
    all.AddRange(sets.Select(s => (s.Name, (ImmutableArray<DiagnosticAnalyzer>?)s.Analyzers)));
    for (int warmup = 0; warmup < 2; warmup++)
    {
        all.ForEach(c => RunOnce(c.Analyzers));
    }

    var cpuTimes = all.ToDictionary(c => c.Name, _ => new List<double>());
    for (int round = 0; round < 5; round++)
    {
        foreach (var (name, analyzers) in all)
        {
            Measure(() => RunOnce(analyzers), new List<double>(), cpuTimes[name]);
        }
    }

    double baseline = Median(cpuTimes[all[0].Name]);
    foreach (var (name, _) in all)
    {
        double time = Median(cpuTimes[name]);
        Console.WriteLine($"{name}: {time:F0} ms cpu ({(time / baseline - 1) * 100:+0.0;-0.0} %)");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerOverheadBenchmarks).Assembly).Run(args);
return 0;

static int RoundsArgument(string[] args, int fallback)
{
    int index = Array.IndexOf(args, "--rounds");
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int rounds) && rounds > 0 ? rounds : fallback;
}

static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

static void Measure(Action action, List<double> wall, List<double> cpu)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var process = Process.GetCurrentProcess();
    var cpuStart = process.TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    action();
    wall.Add(stopwatch.Elapsed.TotalMilliseconds);
    process.Refresh();
    cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
}
