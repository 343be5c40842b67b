using Uintr.Simulation.Timing;
using Uintr.Simulation.Workloads;

namespace Uintr.Runtime.Tests.Workloads;

/// <summary>The speed benchmarks' workloads do what they claim (their speed is measured by the benchmarks, not here).</summary>
public class WorkloadTests
{
    [Fact]
    public void Machine_ping_pong_bounces_with_the_modelled_one_way_latency()
    {
        var result = new MachinePingPong().Run(deliveries: 1_000);

        Assert.Equal(1_000, result.Deliveries);
        Assert.Equal(UintrTiming.SapphireRapids.EndToEndCycles, result.HardwareLatencyMean);

        // Each bounce: SENDUIPI-to-entry, the trampoline, UIRET: a steady period per delivery.
        double cyclesPerDelivery = (double)result.SimulatedCycles / result.Deliveries;
        Assert.InRange(cyclesPerDelivery, 1360 + 120, 1360 + 300);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(16, 64)]
    public void The_storm_keeps_every_core_busy_and_delivers(int cores, int vectors)
    {
        var storm = new InterruptStorm(cores, vectors);

        var result = storm.Run(deliveries: 20_000);

        Assert.Equal(20_000, result.Deliveries);
        Assert.True(result.HardwareLatencyMean >= UintrTiming.SapphireRapids.EndToEndCycles);
        Assert.True(storm.Machine.Statistics.Deliveries >= 20_000);
    }
}
