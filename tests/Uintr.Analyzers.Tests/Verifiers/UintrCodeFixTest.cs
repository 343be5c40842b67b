using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Uintr.Analyzers.Tests.Verifiers;

/// <summary>A <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/> with <see cref="UintrTestSettings"/>.</summary>
internal sealed class UintrCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public UintrCodeFixTest() => UintrTestSettings.Apply(this);

    protected override CompilationOptions CreateCompilationOptions() => UintrTestSettings.Compilation(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => UintrTestSettings.Parse(base.CreateParseOptions());
}
