using System.Globalization;

namespace Uintr;

/// <summary>One entry of the simulator's event trace. The trace is deterministic: same program and options, same trace.</summary>
/// <param name="Cycle">Simulated time in core cycles.</param>
/// <param name="Core">The core it happened on.</param>
/// <param name="Thread">The simulated thread involved, or empty.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Vector">The user vector (or interrupt vector), or -1.</param>
/// <param name="Detail">Free-form detail.</param>
public sealed record SimulationEvent(long Cycle, int Core, string Thread, SimulationEventKind Kind, int Vector, string Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cycle,12} core{Core} {Thread,-12} {Kind,-12} {(Vector >= 0 ? Vector.ToString(CultureInfo.InvariantCulture) : "-"),3} {Detail}");
}
