using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests;

/// <summary>
/// Shorthands over Microsoft.CodeAnalysis.Testing's verifiers: every source starts with <see cref="Usings"/>, and
/// <see cref="Diagnostic"/> takes the descriptor (so the severity) from whichever analyzer declares the id.
/// </summary>
internal static class Verify
{
    public const string Usings = "using System;\nusing System.Threading;\nusing Uintr;\n";

    public static Task AnalyzerAsync<TAnalyzer>(string markup, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() => AnalyzerAsync<TAnalyzer>(markup, null, expected);

    public static Task AnalyzerAsync<TAnalyzer>(string markup, IDictionary<string, string>? editorConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new UintrAnalyzerTest<TAnalyzer> { TestCode = Usings + markup };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Checks that the fix turns <paramref name="source"/> into <paramref name="fixedSource"/> (both get <see cref="Usings"/>).</summary>
    public static Task CodeFixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new() =>
        new UintrCodeFixTest<TAnalyzer, TCodeFix> { TestCode = Usings + source, FixedCode = Usings + fixedSource }.RunAsync();

    // By id and default severity, not by descriptor: a descriptor-based result compares the message with the
    // unformatted template unless WithArguments is given, and most expectations here check only id and span.
    public static DiagnosticResult Diagnostic(string id) =>
        new(id, (AllAnalyzers.Descriptors().FirstOrDefault(d => d.Id == id) ?? throw new ArgumentException("No analyzer declares " + id, nameof(id))).DefaultSeverity);

    public static string EditorConfig(IDictionary<string, string> pairs) =>
        "root = true\n\n[*]\n" + string.Concat(pairs.Select(p => p.Key + " = " + p.Value + "\n"));
}
