using BenchmarkDotNet.Attributes;
using Uintr.Simulation.Timing.Validation;
using Uintr.Simulation.Workloads;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// BenchmarkDotNet: the machine model on one host thread (a fixed number of deliveries per invocation, so the time per
/// operation is the time per simulated delivery) and the hosted mode (round trips of two application threads).
/// Run: <c>dotnet run -c Release --project benchmarks/Uintr.Simulator.Benchmarks -- bdn --filter *SimulatorSpeed*</c>.
/// </summary>
[MemoryDiagnoser]
public class SimulatorSpeedBenchmarks
{
    public const int Deliveries = 100_000;
    public const int RoundTrips = 10_000;

    /// <summary>Two cores bounce one user interrupt; per operation = per delivery.</summary>
    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long MachinePingPong() => new MachinePingPong().Run(Deliveries).Deliveries;

    /// <summary>Application threads on the simulator: a user-IPI ping-pong between two hosted threads; per operation = per round trip.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public double HostedRoundTrips() => SimulatedPingPong.Run(RoundTrips, warmup: 0).RoundTripCycles;
}
