namespace Uintr.Generators.Benchmarks;

/// <summary>
/// How far down the generator's pipeline a <see cref="StageGenerator"/> goes: each stage includes the ones before, except
/// <see cref="EmptyFiles"/>, a side branch after <see cref="ReceiverModels"/> that prices the driver's work per file.
/// </summary>
public enum PipelineStage
{
    /// <summary>ForAttributeWithMetadataName with a transform that returns 0, collected: Roslyn's own share (the floor).</summary>
    AttributeOnly,

    /// <summary>The generator's per-method transform (<c>HandlerModelFactory</c>), collected.</summary>
    HandlerModels,

    /// <summary>Grouping into per-receiver models with the options, up to the source output (which does nothing).</summary>
    ReceiverModels,

    /// <summary>
    /// <see cref="ReceiverModels"/>, then AddSource of a two-character text under each receiver's hint name: what the
    /// driver charges per generated file (hint-name checks, the file's tree and path), without the text.
    /// </summary>
    EmptyFiles,

    /// <summary>The generated text written for every receiver, but not added to the compilation.</summary>
    SourceText,

    /// <summary>The real generator: the text added with AddSource, which the driver parses into syntax trees.</summary>
    Full,
}
