using System;
using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>
/// The blocked user-IPI round trip measured on the simulator: both threads wait with Wait(Block), so each message goes
/// through the kernel scheduler model's uintr_wait (blocked-wait vector, kernel interrupt, wake-up, switch-in, PIR fold,
/// delivery on return to user). The simulator charges the kernel steps with its own <see cref="UintrTiming"/>
/// parameters, not with <see cref="KernelTiming"/>.
/// </summary>
internal sealed class SimulatedBlockedUserIpiRoundTrip : IBlockedUserIpiRoundTripSource
{
    private readonly Lazy<PingPongMeasurement> _measurement;

    /// <param name="iterations">Round trips of the simulated ping-pong.</param>
    public SimulatedBlockedUserIpiRoundTrip(int iterations = 64) =>
        _measurement = new Lazy<PingPongMeasurement>(() => SimulatedPingPong.Run(iterations, mode: UintrWaitMode.Block));

    public string Origin => "simulator run (Wait(Block), kernel model)";

    /// <summary>The blocked ping-pong's measurement (run on first use).</summary>
    public PingPongMeasurement Measurement => _measurement.Value;

    public long RoundTripCycles() => (long)Math.Round(Measurement.RoundTripCycles);

    public RoundTripBreakdown? Breakdown() => null;
}
