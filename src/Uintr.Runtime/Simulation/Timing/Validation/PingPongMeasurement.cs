namespace Uintr.Simulation.Timing.Validation;

/// <summary>What a simulated user-IPI ping-pong measured.</summary>
/// <param name="RoundTripCycles">Mean steady-state round trip (after the warm-up iterations), in cycles.</param>
/// <param name="MinRoundTripCycles">Shortest steady-state round trip.</param>
/// <param name="MaxRoundTripCycles">Longest steady-state round trip.</param>
/// <param name="OneWayCycles">Mean SENDUIPI-to-trampoline-entry latency over every send (SimulatorStatistics.HardwareLatency).</param>
/// <param name="Deliveries">User-interrupt deliveries the machine counted.</param>
/// <param name="Timing">The UINTR timing the simulated machine ran with.</param>
internal sealed record PingPongMeasurement(
    double RoundTripCycles,
    long MinRoundTripCycles,
    long MaxRoundTripCycles,
    double OneWayCycles,
    long Deliveries,
    UintrTiming Timing);
