using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>Every analyzer of Uintr.Analyzers.</summary>
public static class AnalyzerSet
{
    public static ImmutableArray<DiagnosticAnalyzer> All() =>
        typeof(RuleIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
