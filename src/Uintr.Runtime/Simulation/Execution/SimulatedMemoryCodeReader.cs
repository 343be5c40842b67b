using Iced.Intel;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Execution;

/// <summary>Feeds Iced's decoder from simulated memory; an instruction fetch from an unmapped page raises <see cref="PageFaultException"/>.</summary>
internal sealed class SimulatedMemoryCodeReader : CodeReader
{
    private readonly SimulatedMemory _memory;

    public SimulatedMemoryCodeReader(SimulatedMemory memory) => _memory = memory;

    public ulong Position { get; set; }

    public override int ReadByte() => _memory.ReadByte(Position++);
}
