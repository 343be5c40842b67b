using Uintr.Simulation.Timing.Validation;

namespace Uintr.Runtime.Tests.Timing;

public class SimulatedPingPongTests
{
    [Fact]
    public void The_validation_ping_pong_delivers_twice_per_round_trip_and_is_steady_without_jitter()
    {
        var result = SimulatedPingPong.Run(iterations: 20, warmup: 2);

        Assert.Equal(40, result.Deliveries);
        Assert.Equal(result.MinRoundTripCycles, result.MaxRoundTripCycles);
        Assert.Equal(1360, result.OneWayCycles);
    }

    [Fact]
    public void The_driver_measures_the_same_round_trip_as_the_runtime_tests_ping_pong()
    {
        var (_, roundTrips) = Simulation.DeterminismTests.RunPingPong(seed: 1, jitter: 0);

        var result = SimulatedPingPong.Run(iterations: 20, warmup: 2);

        Assert.Equal(roundTrips[^1], result.RoundTripCycles);
    }
}
