using BenchmarkDotNet.Attributes;
using Uintr.Simulation.Timing.Validation;
using Uintr.Simulation.Workloads;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// BenchmarkDotNet: the machine model on one host thread (deliveries per operation are fixed, so time per operation
/// converts to deliveries per host second) and the hosted mode (round trips of application threads).
/// Run: <c>dotnet run -c Release --project benchmarks/Uintr.Simulator.Benchmarks -- bdn --filter *</c>.
/// </summary>
[MemoryDiagnoser]
public class SimulatorSpeedBenchmarks
{
    public const int Deliveries = 100_000;
    public const int RoundTrips = 10_000;

    [Params(2, 4, 8, 16)]
    public int Cores { get; set; }

    [Params(1, 8, 64)]
    public int Vectors { get; set; }

    /// <summary>Two cores bounce one interrupt (only measured once: it ignores the parameters).</summary>
    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long MachinePingPong() => Cores == 2 && Vectors == 1 ? new MachinePingPong().Run(Deliveries).Deliveries : 0;

    /// <summary>Every core storms its neighbour over all vectors.</summary>
    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long Storm() => new InterruptStorm(Cores, Vectors).Run(Deliveries).Deliveries;

    /// <summary>Application threads on the simulator: a user-IPI ping-pong between two hosted threads.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public double HostedRoundTrips() => Cores == 2 && Vectors == 1 ? SimulatedPingPong.Run(RoundTrips, warmup: 0).RoundTripCycles : 0;
}
