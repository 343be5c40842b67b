using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Analyzers.Benchmarks;

// --check: the synthetic project's size, that it compiles, and what the analyzers report on it.
// --quick: a Stopwatch measurement (median of 5) without BenchmarkDotNet.
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
    // Interleaved runs (baseline, analyzed, baseline, ...) so a busy machine slows both alike; wall and CPU time.
    var benchmarks = new AnalyzerOverheadBenchmarks();
    benchmarks.Setup();
    benchmarks.CompileWithoutAnalyzers();
    benchmarks.CompileWithAnalyzers().GetAwaiter().GetResult();
    var wall = (Baseline: new List<double>(), Analyzed: new List<double>());
    var cpu = (Baseline: new List<double>(), Analyzed: new List<double>());
    for (int round = 0; round < 7; round++)
    {
        Measure(() => benchmarks.CompileWithoutAnalyzers(), wall.Baseline, cpu.Baseline);
        Measure(() => benchmarks.CompileWithAnalyzers().GetAwaiter().GetResult(), wall.Analyzed, cpu.Analyzed);
    }

    Console.WriteLine($"wall: without analyzers {Median(wall.Baseline):F0} ms, with analyzers {Median(wall.Analyzed):F0} ms, overhead {(Median(wall.Analyzed) / Median(wall.Baseline) - 1) * 100:F1} %");
    Console.WriteLine($"cpu:  without analyzers {Median(cpu.Baseline):F0} ms, with analyzers {Median(cpu.Analyzed):F0} ms, overhead {(Median(cpu.Analyzed) / Median(cpu.Baseline) - 1) * 100:F1} %");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerOverheadBenchmarks).Assembly).Run(args);
return 0;

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
