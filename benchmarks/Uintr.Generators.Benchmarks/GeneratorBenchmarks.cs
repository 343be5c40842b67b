using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The generator's cost on a synthetic project of 4 handlers per receiver (1,000 receivers: the stress case; 20: a
/// realistic application), cut after each <see cref="PipelineStage"/>: <see cref="PipelineStage.AttributeOnly"/> is the
/// floor, <see cref="PipelineStage.Full"/> the real generator. Min and median columns: on a shared machine the minimum
/// is the closest to the cost without interference.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class GeneratorBenchmarks
{
    private GeneratorScenario _scenario = null!;

    [Params(20, 1_000)]
    public int Receivers { get; set; }

    [Params(PipelineStage.AttributeOnly, PipelineStage.HandlerModels, PipelineStage.ReceiverModels, PipelineStage.SourceText, PipelineStage.Full)]
    public PipelineStage Stage { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = new GeneratorScenario(new SyntheticProject(Receivers), Stage);

    /// <summary>A new driver on a new compilation: every handler is bound and every file written.</summary>
    [Benchmark]
    public GeneratorDriver FullGeneration() => _scenario.FullGeneration();

    /// <summary>One character changed in an unrelated file, and the warm driver's re-run.</summary>
    [Benchmark]
    public GeneratorDriver KeystrokeInUnrelatedFile() => _scenario.Keystroke();
}
