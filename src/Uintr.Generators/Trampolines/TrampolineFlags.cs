using System;

// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>
/// The generator's copy of <c>Uintr.CompilerServices.TrampolineFeatures</c> (same names and values:
/// the generator cannot reference the runtime).
/// </summary>
[Flags]
internal enum TrampolineFlags
{
    None = 0,
    DeliveryCounters = 1,
    WakeWaiter = 2,
    AlternateStack = 4,
    EndBranch = 8,
}
