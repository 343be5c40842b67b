using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Verification;

/// <summary>
/// Microsoft.CodeAnalysis.Testing's generator test for <see cref="UserInterruptHandlerGenerator"/>, set up to run
/// offline: the built-in reference-assembly presets download packs at test time, so the test compiles against the
/// SDK's own <c>packs/Microsoft.NETCore.App.Ref</c> assemblies plus Uintr.Runtime instead. Compiler warnings are
/// verified like errors (every one must be expected, as the repository builds with warnings as errors), every warning
/// wave is on (as the SDK turns them on for current target frameworks), nullable is
/// on, CS1591 (a public test type without a doc comment; the package parses comments with DocumentationMode.Diagnose)
/// is off, unsafe code is not allowed (a consumer need not allow it), and the compilations before and after generation are kept for the checks the package has no notion of.
/// </summary>
internal sealed class UintrGeneratorTest : CSharpSourceGeneratorTest<UserInterruptHandlerGenerator, DefaultVerifier>
{
    /// <summary>The folder the generated files live under in the test project (the driver's hint-name prefix).</summary>
    public const string GeneratedFolder = "Uintr.Generators/Uintr.Generators.UserInterruptHandlerGenerator/";

    public UintrGeneratorTest()
    {
        ReferenceAssemblies = OfflineReferenceAssemblies.Net100;
        TestState.AdditionalReferences.AddRange(OfflineReferenceAssemblies.References);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options
                .WithNullableContextOptions(Nullable)
                .WithAllowUnsafe(false)
                .WithWarningLevel(9999)
                .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress)));
        });
    }

    /// <summary>The project-wide nullable context (enabled by default).</summary>
    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    /// <summary>The C# version the sources are parsed with.</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>The last compilation of the input alone (before the generator ran).</summary>
    public Compilation? InputCompilation { get; private set; }

    /// <summary>The last compilation with the generated files.</summary>
    public Compilation? OutputCompilation { get; private set; }

    /// <summary>The generated files of the last run, by hint name, in the driver's order.</summary>
    public ImmutableArray<(string HintName, string Text)> Generated { get; private set; } = ImmutableArray<(string, string)>.Empty;

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);

    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        InputCompilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken).ConfigureAwait(false);
        var output = result.compilation;
        OutputCompilation = output;
        Generated = output.SyntaxTrees
            .Where(tree => tree.FilePath.StartsWith(GeneratedFolder, StringComparison.Ordinal))
            .Select(tree => (tree.FilePath.Substring(GeneratedFolder.Length), tree.GetText(cancellationToken).ToString()))
            .ToImmutableArray();
        return result;
    }
}
