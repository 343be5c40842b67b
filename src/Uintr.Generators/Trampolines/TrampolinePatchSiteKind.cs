namespace Uintr.Generators.Trampolines;

/// <summary>The generator's copy of <c>Uintr.CompilerServices.TrampolinePatchKind</c> (same names and values).</summary>
internal enum TrampolinePatchSiteKind
{
    PendingWordAddress = 0,
    DeliveryCounterArrayAddress = 1,
    WaiterWordAddress = 2,
}
