using System.Collections.Generic;
using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>The validation rows plus what they were computed from.</summary>
/// <param name="Rows">One row per compared quantity.</param>
/// <param name="PingPong">The simulated spinning user-IPI ping-pong (the ratios' denominator).</param>
/// <param name="Breakdowns">The component breakdown of every modelled mechanism's round trip.</param>
internal sealed record TimingValidationReport(
    IReadOnlyList<ValidationRow> Rows,
    PingPongMeasurement PingPong,
    IReadOnlyList<RoundTripBreakdown> Breakdowns);
