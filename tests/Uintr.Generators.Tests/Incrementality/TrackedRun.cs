using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Generators.Tests.Incrementality;

/// <summary>
/// One run of a <see cref="CSharpGeneratorDriver"/> with step tracking on, and the driver to run again on an edited
/// compilation. Microsoft.CodeAnalysis.Testing has no equivalent: its generator test builds a new driver for every
/// run and never exposes the tracked steps, so the incrementality tests (the run reason of each step per kind of edit)
/// drive Roslyn's driver themselves.
/// </summary>
internal sealed class TrackedRun
{
    private TrackedRun(GeneratorDriver driver, CSharpCompilation input, CSharpCompilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult();
        AllSources = Result.Results
            .SelectMany(r => r.GeneratedSources)
            .Select(s => new Generation.GeneratedSource(s.HintName, s.SourceText.ToString()))
            .ToImmutableArray();
        GeneratedSources = AllSources.Where(s => !Generation.SharedFiles.IsShared(s.HintName)).ToImmutableArray();
    }

    /// <summary>The driver after this run; run it again on an edited compilation to test incrementality.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The compilation the generators ran on.</summary>
    public CSharpCompilation InputCompilation { get; }

    /// <summary>The input plus the generated trees.</summary>
    public CSharpCompilation OutputCompilation { get; }

    /// <summary>Diagnostics the generators reported (including exceptions they threw, as CS8785).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The driver's run result, with the tracked steps.</summary>
    public GeneratorDriverRunResult Result { get; }

    /// <summary>Every generated file, in generator then hint order.</summary>
    public ImmutableArray<Generation.GeneratedSource> AllSources { get; }

    /// <summary>The receivers' files (without <see cref="Generation.SharedFiles"/>).</summary>
    public ImmutableArray<Generation.GeneratedSource> GeneratedSources { get; }

    /// <summary>The diagnostics of <see cref="OutputCompilation"/> (compiler diagnostics of input and generated code).</summary>
    public ImmutableArray<Diagnostic> GetOutputDiagnostics() => OutputCompilation.GetDiagnostics();

    /// <summary>The generated file whose hint name is <paramref name="hintName"/>.</summary>
    public string GetSource(string hintName) =>
        AllSources.SingleOrDefault(s => s.HintName == hintName)?.Text
        ?? throw new InvalidOperationException($"No generated file '{hintName}'; generated: {string.Join(", ", AllSources.Select(s => s.HintName))}.");

    /// <summary>Runs <paramref name="generators"/> on <paramref name="compilation"/> with a new driver that tracks its steps.</summary>
    public static TrackedRun Start(CSharpCompilation compilation, params IIncrementalGenerator[] generators)
    {
        var driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return Run(driver, compilation);
    }

    /// <summary>Runs this run's driver, with its caches, on <paramref name="compilation"/> (an edit of its input).</summary>
    public TrackedRun RunAgain(CSharpCompilation compilation) => Run(Driver, compilation);

    private static TrackedRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new TrackedRun(driver, compilation, (CSharpCompilation)output, diagnostics);
    }
}
