namespace PingPong.Comparison;

/// <summary>One simulated row of the comparison table.</summary>
/// <param name="Mechanism">The mechanism as the RFC's table names it.</param>
/// <param name="Source">Where the figure comes from: a simulator run or a component model.</param>
/// <param name="RoundTripCycles">Mean round trip in simulated cycles.</param>
/// <param name="RfcRatio">The RFC's published ratio to the spinning user IPI, or null when it has none.</param>
internal sealed record ComparisonRow(string Mechanism, string Source, double RoundTripCycles, double? RfcRatio);
