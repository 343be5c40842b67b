namespace Uintr.Generators.Trampolines;

/// <summary>A zeroed 64-bit immediate at <paramref name="Offset"/> that the runtime sets to the address of <paramref name="Kind"/>.</summary>
internal readonly record struct TrampolinePatchSite(TrampolinePatchSiteKind Kind, int Offset);
