namespace Uintr.Generators.Benchmarks;

/// <summary>How far down the generator's pipeline a <see cref="StageGenerator"/> goes: each stage includes the ones before.</summary>
public enum PipelineStage
{
    /// <summary>ForAttributeWithMetadataName with a transform that returns 0, collected: Roslyn's own share (the floor).</summary>
    AttributeOnly,

    /// <summary>The generator's per-method transform (<c>HandlerModelFactory</c>), collected.</summary>
    HandlerModels,

    /// <summary>Grouping into per-receiver models with the options, up to the source output (which does nothing).</summary>
    ReceiverModels,

    /// <summary>The generated text written for every receiver, but not added to the compilation.</summary>
    SourceText,

    /// <summary>The real generator: the text added with AddSource, which the driver parses into syntax trees.</summary>
    Full,
}
