using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Roslyn.Testing.CodeFixes;

namespace Uintr.Analyzers.Tests.CodeFixes;

internal static class FixRunner
{
    public static Task RunAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, CodeFixMode mode = CodeFixMode.Single, params string[] remaining)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest
        {
            Source = Verify.Usings + source,
            FixedSource = Verify.Usings + fixedSource,
            Analyzer = new TAnalyzer(),
            CodeFix = new TCodeFix(),
            Mode = mode,
        };
        test.RemainingDiagnosticIds.AddRange(remaining);
        return test.RunAsync();
    }
}
