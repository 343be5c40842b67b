using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>
/// The seam for the "user IPI, receiver blocked in uintr_wait" row. By default <see cref="ModelledBlockedUserIpiRoundTrip"/>
/// composes it from components; <see cref="SimulatedBlockedUserIpiRoundTrip"/> measures a blocked ping-pong on the
/// simulator's kernel scheduler model (shown in its own row) and can replace it without changing the report.
/// </summary>
internal interface IBlockedUserIpiRoundTripSource
{
    /// <summary>Where the value comes from, shown in the report row.</summary>
    string Origin { get; }

    /// <summary>The round trip in cycles.</summary>
    long RoundTripCycles();

    /// <summary>The component breakdown, when the source has one.</summary>
    RoundTripBreakdown? Breakdown();
}
