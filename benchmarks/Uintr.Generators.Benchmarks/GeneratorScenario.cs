using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// One generator (a <see cref="StageGenerator"/>) on one <see cref="SyntheticProject"/>: a full run on a fresh compilation,
/// and the re-run of a warm driver after one keystroke in an unrelated file (what the IDE pays while typing).
/// </summary>
public sealed class GeneratorScenario
{
    private readonly SyntheticProject _project;
    private GeneratorDriver _warmDriver;
    private CSharpCompilation _current;
    private int _digit = 1;

    public GeneratorScenario(SyntheticProject project, PipelineStage stage)
    {
        _project = project;
        Stage = stage;
        _current = project.CreateCompilation();
        _warmDriver = NewDriver().RunGenerators(_current);
        var result = _warmDriver.GetRunResult();
        if (result.Results.Single().Exception is { } exception)
        {
            throw new InvalidOperationException($"The {stage} generator failed on the synthetic project.", exception);
        }

        // The receivers, the shared trampolines and the [Embedded] attribute; or the receivers' empty files.
        int expected = stage switch
        {
            PipelineStage.Full => project.Receivers + 2,
            PipelineStage.EmptyFiles => project.Receivers,
            _ => 0,
        };
        if (result.GeneratedTrees.Length != expected)
        {
            throw new InvalidOperationException($"Expected {expected} generated files from {stage}, got {result.GeneratedTrees.Length}.");
        }
    }

    public PipelineStage Stage { get; }

    /// <summary>A new driver on a new compilation: every handler is bound and every file written.</summary>
    public GeneratorDriver FullGeneration() => NewDriver().RunGenerators(_project.CreateCompilation());

    /// <summary>
    /// One character changes in the unrelated file (<c>x * 1</c> to <c>x * 2</c> and back, alternately): an incremental
    /// re-parse of that file, a new compilation, and the warm driver's re-run.
    /// </summary>
    public GeneratorDriver Keystroke()
    {
        _digit = 3 - _digit;
        var old = _current.SyntaxTrees.Last();
        var edited = old.WithChangedText(SourceText.From(SyntheticProject.UnrelatedSource(_digit), Encoding.UTF8));
        _current = _current.ReplaceSyntaxTree(old, edited);
        _warmDriver = _warmDriver.RunGenerators(_current);
        return _warmDriver;
    }

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new StageGenerator(Stage).AsSourceGenerator() },
            parseOptions: SyntheticProject.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
