namespace Uintr.Generators.Trampolines;

/// <summary>One encoded instruction: where it is, how long it is and its Intel-syntax text.</summary>
internal readonly record struct TrampolineInstruction(int Offset, int Length, string Text);
