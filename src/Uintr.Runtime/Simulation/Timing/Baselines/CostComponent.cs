namespace Uintr.Simulation.Timing.Baselines;

/// <summary>One named cost on a round trip's critical path: <paramref name="Count"/> occurrences of <paramref name="CyclesEach"/>.</summary>
/// <param name="Name">What the cost is (a kernel function, an instruction, a hardware step).</param>
/// <param name="CyclesEach">Cycles per occurrence, taken from <see cref="KernelTiming"/> or <see cref="UintrTiming"/>.</param>
/// <param name="Count">Occurrences per round trip (2 for a step taken once in each direction).</param>
internal readonly record struct CostComponent(string Name, long CyclesEach, int Count)
{
    /// <summary>Cycles this component adds to the round trip.</summary>
    public long TotalCycles => CyclesEach * Count;
}
