// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>One encoded instruction: where it is, how long it is and its Intel-syntax text.</summary>
internal readonly record struct TrampolineInstruction(int Offset, int Length, string Text);
