using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Uintr.Analyzers.Tests.Verifiers;

/// <summary>A <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/> with <see cref="UintrTestSettings"/>.</summary>
internal sealed class UintrAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public UintrAnalyzerTest() => UintrTestSettings.Apply(this);

    protected override CompilationOptions CreateCompilationOptions() => UintrTestSettings.Compilation(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => UintrTestSettings.Parse(base.CreateParseOptions());
}
