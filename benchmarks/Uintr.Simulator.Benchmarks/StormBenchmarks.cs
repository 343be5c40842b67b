using BenchmarkDotNet.Attributes;
using Uintr.Simulation.Workloads;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// BenchmarkDotNet: every core storms its neighbour over all its vectors; per operation = per simulated delivery, so
/// the table shows how the cost grows with cores and vectors.
/// Run: <c>dotnet run -c Release --project benchmarks/Uintr.Simulator.Benchmarks -- bdn --filter *Storm*</c>.
/// </summary>
[MemoryDiagnoser]
public class StormBenchmarks
{
    public const int Deliveries = 100_000;

    [Params(2, 16)]
    public int Cores { get; set; }

    [Params(1, 64)]
    public int Vectors { get; set; }

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long Storm() => new InterruptStorm(Cores, Vectors).Run(Deliveries).Deliveries;
}
