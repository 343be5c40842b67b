using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// Full compilations (compiler diagnostics, analyzer diagnostics when there are analyzers, emit) on one thread:
/// <c>concurrentBuild: false</c> and <c>concurrentAnalysis: false</c>. Measured as CPU time of the process, so the
/// figure is work done, not time waited: with concurrent builds the CPU time also counts threads spinning on each
/// other, which grows with the machine's load and made the own cost move by several points between runs.
/// </summary>
public static class SingleThreadedRuns
{
    /// <summary>One compilation of <paramref name="trees"/>; null <paramref name="analyzers"/> is the plain compilation.</summary>
    public static int Compile(ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer>? analyzers)
    {
        var compilation = SyntheticProject.Compile(trees, concurrent: false);
        int diagnostics = analyzers is { } set
            ? WithAnalyzers(compilation, set, logTime: false).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length
            : compilation.GetDiagnostics().Length;
        using var stream = new MemoryStream();
        return diagnostics + (compilation.Emit(stream).Success ? (int)stream.Length : -1);
    }

    /// <summary>The analyzers run one at a time on the calling thread; <paramref name="logTime"/> records each one's time.</summary>
    public static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logTime) =>
        compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime, reportSuppressedDiagnostics: false));

    /// <summary>CPU time of the process spent in <paramref name="action"/>, in milliseconds (after a full collection).</summary>
    public static double CpuMilliseconds(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds;
    }

    /// <summary>The median (upper median for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
