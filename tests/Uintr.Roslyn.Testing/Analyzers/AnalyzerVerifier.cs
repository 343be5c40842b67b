using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Roslyn.Testing.Analyzers;

/// <summary>The short form: <c>await AnalyzerVerifier&lt;MyAnalyzer&gt;.VerifyAsync(markup, expected...)</c>.</summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expectation for <paramref name="id"/>; add <c>.WithLocation(n)</c> for a <c>{|#n:...|}</c> marker.</summary>
    public static DiagnosticResult Diagnostic(string id) => DiagnosticResult.Create(id);

    /// <summary>Verifies one markup source: its spans plus <paramref name="expected"/> are all the diagnostics.</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        test.Sources.Add(markup);
        test.Analyzers.Add(new TAnalyzer());
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
