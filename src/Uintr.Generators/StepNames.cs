namespace Uintr.Generators;

/// <summary>Tracking names of the generator's incremental steps (what incrementality tests assert on).</summary>
internal static class StepNames
{
    /// <summary>Per attributed method: the handler model, or null when the method or its type is not valid.</summary>
    public const string Handlers = nameof(Handlers);

    /// <summary>All handler models of the compilation (nulls included), in source order.</summary>
    public const string AllHandlers = nameof(AllHandlers);

    /// <summary>Per <c>[UserInterruptReceiver]</c> type: its trampoline options, or null when the target is not a type.</summary>
    public const string ReceiverOptions = nameof(ReceiverOptions);

    /// <summary>The receiver options of the compilation (nulls included).</summary>
    public const string AllReceiverOptions = nameof(AllReceiverOptions);

    /// <summary>The valid handlers grouped into receiver models, with their options.</summary>
    public const string Receivers = nameof(Receivers);

    /// <summary>Per receiver type: the model one generated file is written from.</summary>
    public const string Receiver = nameof(Receiver);

    /// <summary>All tracked steps, in pipeline order.</summary>
    public static readonly string[] All = { Handlers, AllHandlers, ReceiverOptions, AllReceiverOptions, Receivers, Receiver };
}
