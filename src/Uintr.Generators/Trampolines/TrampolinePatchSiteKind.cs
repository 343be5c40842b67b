// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>The generator's copy of <c>Uintr.CompilerServices.TrampolinePatchKind</c> (same names and values).</summary>
internal enum TrampolinePatchSiteKind
{
    PendingWordAddress = 0,
    DeliveryCounterArrayAddress = 1,
    WaiterWordAddress = 2,
}
