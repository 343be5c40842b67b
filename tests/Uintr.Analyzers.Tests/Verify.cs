using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Roslyn.Testing.Analyzers;

namespace Uintr.Analyzers.Tests;

/// <summary>Runs an analyzer over markup with <c>using Uintr;</c> and the usual namespaces available.</summary>
internal static class Verify
{
    public const string Usings = "using System;\nusing System.Threading;\nusing Uintr;\n";

    public static Task AnalyzerAsync<TAnalyzer>(string markup, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() => AnalyzerAsync<TAnalyzer>(markup, null, expected);

    public static Task AnalyzerAsync<TAnalyzer>(string markup, IDictionary<string, string>? editorConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest();
        test.Sources.Add(Usings + markup);
        test.Analyzers.Add(new TAnalyzer());
        test.ExpectedDiagnostics.AddRange(expected);
        if (editorConfig is not null)
        {
            foreach (var (key, value) in editorConfig)
            {
                test.AnalyzerConfig[key] = value;
            }
        }

        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => DiagnosticResult.Create(id);
}
