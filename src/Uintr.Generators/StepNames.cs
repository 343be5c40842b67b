namespace Uintr.Generators;

/// <summary>Tracking names of the generator's incremental steps (what incrementality tests assert on).</summary>
internal static class StepNames
{
    /// <summary>Per attributed method: the handler model, or null when the method or its type is not valid.</summary>
    public const string Handlers = nameof(Handlers);

    /// <summary>All handler models of the compilation (nulls included), in source order.</summary>
    public const string AllHandlers = nameof(AllHandlers);

    /// <summary>The valid handlers grouped into receiver models.</summary>
    public const string Receivers = nameof(Receivers);

    /// <summary>Per receiver type: the model one generated file is written from.</summary>
    public const string Receiver = nameof(Receiver);

    /// <summary>The trampoline variants the receivers use (one bit per variant): what the shared trampoline file is written from.</summary>
    public const string TrampolineVariants = nameof(TrampolineVariants);

    /// <summary>All tracked steps, in pipeline order.</summary>
    public static readonly string[] All = { Handlers, AllHandlers, Receivers, Receiver, TrampolineVariants };
}
