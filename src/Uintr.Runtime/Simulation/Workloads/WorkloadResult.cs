namespace Uintr.Simulation.Workloads;

/// <summary>What a machine-model workload did.</summary>
/// <param name="Deliveries">User-interrupt deliveries (trampoline runs).</param>
/// <param name="SimulatedCycles">Simulated time at the end.</param>
/// <param name="HardwareLatencyMean">Mean SENDUIPI-to-trampoline latency in cycles.</param>
internal readonly record struct WorkloadResult(long Deliveries, long SimulatedCycles, double HardwareLatencyMean);
