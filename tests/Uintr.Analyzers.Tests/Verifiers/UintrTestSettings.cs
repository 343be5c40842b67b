using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests.Verifiers;

/// <summary>
/// What every analyzer and code-fix test here shares on top of Microsoft.CodeAnalysis.Testing's defaults: offline
/// net10.0 references plus Uintr.Runtime, and the compilation settings of the repository's own projects
/// (nullable on, latest C#, unsafe allowed), which the package's defaults do not match.
/// </summary>
internal static class UintrTestSettings
{
    public static void Apply(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = OfflineReferenceAssemblies.Net100;
        test.TestState.AdditionalReferences.AddRange(OfflineReferenceAssemblies.References);
    }

    public static CompilationOptions Compilation(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable).WithAllowUnsafe(true);

    public static ParseOptions Parse(ParseOptions options) =>
        ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest);
}
