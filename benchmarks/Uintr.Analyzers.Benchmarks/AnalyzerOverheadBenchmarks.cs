using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// Compilation of the synthetic 50,000-line project without analyzers (baseline: diagnostics + emit) and with all
/// Uintr analyzers (analyzer diagnostics + emit, as csc does). The ratio column is the analyzers' relative cost.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class AnalyzerOverheadBenchmarks
{
    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        _trees = SyntheticProject.Generate();
        _analyzers = AnalyzerSet.All();
    }

    [Benchmark(Baseline = true)]
    public int CompileWithoutAnalyzers()
    {
        var compilation = SyntheticProject.Compile(_trees);
        int diagnostics = compilation.GetDiagnostics().Length;
        return diagnostics + Emit(compilation);
    }

    [Benchmark]
    public Task<int> CompileWithNoOpAnalyzer() => CompileWith(ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer()));

    [Benchmark]
    public Task<int> CompileWithAnalyzers() => CompileWith(_analyzers);

    /// <summary>Compiler and analyzer diagnostics, then emit, as csc does with analyzers.</summary>
    public async Task<int> CompileWith(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = SyntheticProject.Compile(_trees);
        var withAnalyzers = compilation.WithAnalyzers(analyzers);
        int diagnostics = (await withAnalyzers.GetAllDiagnosticsAsync()).Length;
        return diagnostics + Emit(compilation);
    }

    private static int Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        return compilation.Emit(stream).Success ? (int)stream.Length : -1;
    }
}
