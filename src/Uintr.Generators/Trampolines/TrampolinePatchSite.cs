// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>A zeroed 64-bit immediate at <paramref name="Offset"/> that the runtime sets to the address of <paramref name="Kind"/>.</summary>
internal readonly record struct TrampolinePatchSite(TrampolinePatchSiteKind Kind, int Offset);
