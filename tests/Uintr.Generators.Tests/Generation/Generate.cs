using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Generators.Tests.Verification;

namespace Uintr.Generators.Tests.Generation;

/// <summary>How a test compiles its sources.</summary>
internal sealed record GenerateOptions
{
    public static GenerateOptions Default { get; } = new();

    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;
}

/// <summary>One generated file.</summary>
internal sealed record GeneratedSource(string HintName, string Text);

/// <summary>The generated files that are not a receiver's own.</summary>
internal static class SharedFiles
{
    /// <summary>The trampolines the receivers share, written when there is at least one receiver.</summary>
    public const string Trampolines = "Uintr.Trampolines.g.cs";

    /// <summary>The <c>[Embedded]</c> attribute definition, added to every compilation (post-initialization output).</summary>
    public const string EmbeddedAttribute = "Microsoft.CodeAnalysis.EmbeddedAttribute.cs";

    public static bool IsShared(string hintName) => hintName is Trampolines or EmbeddedAttribute;
}

/// <summary>What one verified generator run produced.</summary>
/// <param name="AllSources">Every generated file, shared ones included.</param>
/// <param name="InputCompilation">The compilation of the input alone.</param>
/// <param name="OutputCompilation">The input plus every generated file.</param>
internal sealed record GeneratorOutput(ImmutableArray<GeneratedSource> AllSources, Compilation InputCompilation, Compilation OutputCompilation)
{
    /// <summary>The receivers' files (without <see cref="SharedFiles"/>).</summary>
    public ImmutableArray<GeneratedSource> GeneratedSources { get; } = AllSources.Where(s => !SharedFiles.IsShared(s.HintName)).ToImmutableArray();

    /// <summary>The shared trampoline file, or null when there is none.</summary>
    public string? Trampolines => AllSources.SingleOrDefault(s => s.HintName == SharedFiles.Trampolines)?.Text;

    /// <summary>The generated file whose hint name is <paramref name="hintName"/>.</summary>
    public string GetSource(string hintName) =>
        AllSources.SingleOrDefault(s => s.HintName == hintName)?.Text
        ?? throw new InvalidOperationException($"No generated file '{hintName}'; generated: {string.Join(", ", AllSources.Select(s => s.HintName))}.");
}

/// <summary>
/// Runs the generator through <see cref="UintrGeneratorTest"/> (Microsoft.CodeAnalysis.Testing): the package reports a
/// generator exception (CS8785) or an unexpected compiler warning or error as a failure. Most tests look at parts of
/// the generated text, so they skip the package's whole-file comparison; <c>GoldenOutputTests</c> uses it.
/// </summary>
internal static class Generate
{
    /// <summary>Asserts that the input plus the generated code compiles with no warning (warnings are errors here).</summary>
    public static Task<GeneratorOutput> CleanAsync(params string[] sources) => CleanAsync(GenerateOptions.Default, sources);

    public static async Task<GeneratorOutput> CleanAsync(GenerateOptions options, params string[] sources)
    {
        var test = NewTest(options, sources);
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        await test.RunAsync();
        return Output(test);
    }

    /// <summary>
    /// Runs on input that does not compile by itself (invalid handlers, on purpose) and asserts that the generated code
    /// adds no diagnostic to the input's own. The package can only compare against an exact list of expected
    /// diagnostics, which would restate the compiler's reaction to each invalid shape; "nothing new" is the property.
    /// </summary>
    public static async Task<GeneratorOutput> LenientAsync(params string[] sources)
    {
        var test = NewTest(GenerateOptions.Default, sources);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
        var output = Output(test);
        var before = Visible(output.InputCompilation.GetDiagnostics()).Select(Describe).ToHashSet();
        var added = Visible(output.OutputCompilation.GetDiagnostics()).Where(d => !before.Contains(Describe(d))).ToList();
        Assert.True(added.Count == 0, "The generated code adds diagnostics:\n" + string.Join("\n", added.Select(Describe)) + "\n\n" + Dump(output));
        return output;
    }

    /// <summary>Everything but hidden diagnostics (such as CS8019, unnecessary using), which never fail a build.</summary>
    public static List<Diagnostic> Visible(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();

    public static string Describe(Diagnostic diagnostic) => diagnostic.ToString();

    public static string Dump(GeneratorOutput output) =>
        string.Join("\n", output.AllSources.Select(s => $"==== {s.HintName}\n{s.Text}"));

    public static IEnumerable<string> HintNames(GeneratorOutput output) => output.GeneratedSources.Select(s => s.HintName);

    private static UintrGeneratorTest NewTest(GenerateOptions options, string[] sources)
    {
        var test = new UintrGeneratorTest
        {
            Nullable = options.Nullable,
            LanguageVersion = options.LanguageVersion,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        return test;
    }

    private static GeneratorOutput Output(UintrGeneratorTest test) => new(
        test.Generated.Select(g => new GeneratedSource(g.HintName, g.Text)).ToImmutableArray(),
        test.InputCompilation!,
        test.OutputCompilation!);
}
