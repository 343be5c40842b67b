namespace Uintr.Roslyn.Testing.Generators;

/// <summary>One file a generator added.</summary>
/// <param name="HintName">The hint name it was added under.</param>
/// <param name="Text">The generated text.</param>
public sealed record GeneratedSource(string HintName, string Text);
