using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// A benchmark helper, never loaded by a compiler: no release tracking, any target framework.
#pragma warning disable RS1001, RS1012, RS1025, RS1026, RS1036, RS1041, RS2008

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// Runs another analyzer and adds up the CPU time of the calling thread spent in each of its actions, by kind
/// (compilation start, syntax node, symbol). Roslyn's own telemetry measures wall-clock time, which on a loaded
/// machine counts the time other processes ran; the thread's CPU time does not. Exact only when the driver runs the
/// actions one at a time on the thread that calls them (<c>concurrentAnalysis: false</c>).
/// </summary>
public sealed class TimedAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;

    public TimedAnalyzer(DiagnosticAnalyzer inner) => _inner = inner;

    public string Name => _inner.GetType().Name;

    /// <summary>CPU milliseconds per action kind, and how many actions ran.</summary>
    public Dictionary<string, (double Milliseconds, int Count)> Times { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new TimedContext(context, this));

    /// <summary>The calling thread's CPU time in milliseconds (Linux: CLOCK_THREAD_CPUTIME_ID).</summary>
    public static double ThreadCpuMilliseconds()
    {
        if (clock_gettime(ClockThreadCpuTime, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private Action<T> Timed<T>(string kind, Action<T> action) => argument =>
    {
        double start = ThreadCpuMilliseconds();
        try
        {
            action(argument);
        }
        finally
        {
            double spent = ThreadCpuMilliseconds() - start;
            lock (Times)
            {
                var (milliseconds, count) = Times.TryGetValue(kind, out var entry) ? entry : (0, 0);
                Times[kind] = (milliseconds + spent, count + 1);
            }
        }
    };

    private sealed class TimedContext(AnalysisContext inner, TimedAnalyzer timer) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(timer.Timed<CompilationStartAnalysisContext>("compilation start", start => action(new TimedStartContext(start, timer))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationAction(timer.Timed("compilation", action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(timer.Timed("semantic model", action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(timer.Timed("symbol", action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException("not timed");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(timer.Timed("code block", action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(timer.Timed("syntax tree", action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            inner.RegisterSyntaxNodeAction(timer.Timed("syntax node", action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(timer.Timed("operation", action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(timer.Timed("operation block", action));
    }

    private sealed class TimedStartContext(CompilationStartAnalysisContext inner, TimedAnalyzer timer)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(timer.Timed("compilation end", action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(timer.Timed("semantic model", action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(timer.Timed("symbol", action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException("not timed");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(timer.Timed("code block", action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(timer.Timed("syntax tree", action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            inner.RegisterSyntaxNodeAction(timer.Timed("syntax node", action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(timer.Timed("operation", action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(timer.Timed("operation block", action));
    }
}
