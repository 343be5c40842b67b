using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Roslyn.Testing.Generators;

/// <summary>The result of one driver run: generated files, the updated compilation and the driver for the next run.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(GeneratorDriver driver, CSharpCompilation input, CSharpCompilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult();
        GeneratedSources = Result.Results
            .SelectMany(r => r.GeneratedSources)
            .Select(s => new GeneratedSource(s.HintName, s.SourceText.ToString()))
            .ToImmutableArray();
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
    public ImmutableArray<GeneratedSource> GeneratedSources { get; }

    /// <summary>The diagnostics of <see cref="OutputCompilation"/> (compiler diagnostics of input and generated code).</summary>
    public ImmutableArray<Diagnostic> GetOutputDiagnostics() => OutputCompilation.GetDiagnostics();

    /// <summary>The generated file whose hint name is <paramref name="hintName"/>.</summary>
    public string GetSource(string hintName) =>
        GeneratedSources.SingleOrDefault(s => s.HintName == hintName)?.Text
        ?? throw new InvalidOperationException($"No generated file '{hintName}'; generated: {string.Join(", ", GeneratedSources.Select(s => s.HintName))}.");
}
