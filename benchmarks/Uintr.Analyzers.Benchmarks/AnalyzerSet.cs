using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>Every analyzer of Uintr.Analyzers, or a named part of them.</summary>
public static class AnalyzerSet
{
    public static ImmutableArray<DiagnosticAnalyzer> All() =>
        typeof(RuleIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// <c>uintr:A,B</c>: only the analyzers named (type name, the "Analyzer" suffix optional); <c>uintr-without:A,B</c>:
    /// all the others. An unknown name is an error, so a typo cannot silently measure the wrong set.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> Select(string specification)
    {
        bool without = specification.StartsWith("uintr-without:", StringComparison.Ordinal);
        if (!without && !specification.StartsWith("uintr:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{specification}': expected plain, no-op, uintr, uintr:<Names> or uintr-without:<Names>");
        }

        var all = All();
        var names = specification.Substring(specification.IndexOf(':') + 1).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.EndsWith("Analyzer", StringComparison.Ordinal) ? n : n + "Analyzer")
            .ToList();
        foreach (string name in names.Where(n => !all.Any(a => a.GetType().Name == n)))
        {
            throw new ArgumentException($"'{name}' is not a Uintr analyzer; they are: {string.Join(", ", all.Select(a => a.GetType().Name))}");
        }

        return all.Where(a => names.Contains(a.GetType().Name) != without).ToImmutableArray();
    }
}
