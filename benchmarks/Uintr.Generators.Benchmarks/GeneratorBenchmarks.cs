using System;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The generator's cost on a 1,000-receiver (4,000-handler) project: a full run on a fresh compilation, and the re-run
/// after one keystroke in an unrelated file (what the IDE pays while typing); and, for scale, the same keystroke with a
/// generator that only finds the attributed methods (<see cref="AttributeOnlyGenerator"/>). Min and median columns: on a
/// shared machine the minimum is the closest to the cost without interference.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class GeneratorBenchmarks
{
    private SyntheticProject _project = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _current = null!;
    private int _digit = 1;
    private GeneratorDriver _floorDriver = null!;
    private CSharpCompilation _floorCurrent = null!;
    private int _floorDigit = 1;

    [Params(1_000)]
    public int Receivers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _project = new SyntheticProject(Receivers);
        _current = _project.CreateCompilation();
        _warmDriver = NewDriver().RunGenerators(_current);
        var generated = _warmDriver.GetRunResult();
        if (generated.Results.Single().Exception is { } exception)
        {
            throw new InvalidOperationException("The generator failed on the synthetic project.", exception);
        }

        if (generated.GeneratedTrees.Length != Receivers)
        {
            throw new InvalidOperationException($"Expected {Receivers} generated files, got {generated.GeneratedTrees.Length}.");
        }

        _floorCurrent = _project.CreateCompilation();
        _floorDriver = NewDriver(new AttributeOnlyGenerator()).RunGenerators(_floorCurrent);
    }

    /// <summary>A new driver on a new compilation: every handler is bound and every file written.</summary>
    [Benchmark]
    public GeneratorDriver FullGeneration() => NewDriver().RunGenerators(_project.CreateCompilation());

    /// <summary>The same full run with <see cref="AttributeOnlyGenerator"/>: Roslyn's own share (finding and binding the handlers).</summary>
    [Benchmark]
    public GeneratorDriver FullGenerationFloorAttributeOnly() => NewDriver(new AttributeOnlyGenerator()).RunGenerators(_project.CreateCompilation());

    /// <summary>
    /// One character changes in the unrelated file (<c>x * 1</c> to <c>x * 2</c> and back, alternately): an incremental
    /// re-parse of that file, a new compilation, and the warm driver's re-run.
    /// </summary>
    [Benchmark]
    public GeneratorDriver KeystrokeInUnrelatedFile()
    {
        _digit = 3 - _digit;
        _current = Keystroke(_current, _digit);
        _warmDriver = _warmDriver.RunGenerators(_current);
        return _warmDriver;
    }

    /// <summary>The same keystroke with <see cref="AttributeOnlyGenerator"/>: Roslyn's own share of the cost.</summary>
    [Benchmark]
    public GeneratorDriver KeystrokeFloorAttributeOnly()
    {
        _floorDigit = 3 - _floorDigit;
        _floorCurrent = Keystroke(_floorCurrent, _floorDigit);
        _floorDriver = _floorDriver.RunGenerators(_floorCurrent);
        return _floorDriver;
    }

    private static CSharpCompilation Keystroke(CSharpCompilation compilation, int digit)
    {
        var old = compilation.SyntaxTrees.Last();
        var edited = old.WithChangedText(SourceText.From(SyntheticProject.UnrelatedSource(digit), Encoding.UTF8));
        return compilation.ReplaceSyntaxTree(old, edited);
    }

    private static GeneratorDriver NewDriver() => NewDriver(new UserInterruptHandlerGenerator());

    private static GeneratorDriver NewDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: SyntheticProject.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
