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

    /// <summary>What one run cost: CPU time of the process and bytes allocated by the process.</summary>
    public readonly record struct Cost(double ProcessMilliseconds, long AllocatedBytes);

    /// <summary>
    /// The cost of <paramref name="action"/> (after a full collection). CPU time of the process, not of the calling
    /// thread: with analyzers, the compilation produces events on the calling thread while the analyzer driver consumes
    /// them on a thread-pool thread. Allocated bytes depend neither on the load nor on the clock, but they vary a little
    /// with how far the driver lags behind the compilation (what it still holds).
    /// </summary>
    public static Cost Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var processStart = process.TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        action();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        process.Refresh();
        return new Cost((process.TotalProcessorTime - processStart).TotalMilliseconds, allocated);
    }

    /// <summary>CPU time of the process spent in <paramref name="action"/>, in milliseconds (after a full collection).</summary>
    public static double CpuMilliseconds(Action action) => Measure(action).ProcessMilliseconds;

    /// <summary>The runtime settings that change what CPU time counts (tiered JIT, background GC), for the record.</summary>
    public static string Settings() =>
        $"tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" || AppContext.GetData("System.Runtime.TieredCompilation") is false or "false" ? "off" : "on")}, "
        + $"concurrent GC {(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "off" : "on")}, "
        + $"{Environment.ProcessorCount} processor(s) as .NET sees them";

    /// <summary>The 1, 5 and 15-minute load averages (Linux), from <paramref name="loadavg"/> or read now.</summary>
    public static string LoadAverage(string? loadavg = null)
    {
        loadavg ??= File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : string.Empty;
        var parts = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? string.Join(" ", parts.Take(3)) : "unknown";
    }

    /// <summary>The median (upper median for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
