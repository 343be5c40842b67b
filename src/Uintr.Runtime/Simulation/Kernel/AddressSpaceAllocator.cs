using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>A bump allocator over one region of simulated memory; it maps the pages it hands out.</summary>
internal sealed class AddressSpaceAllocator
{
    private readonly SimulatedMemory _memory;
    private readonly ulong _end;
    private ulong _next;

    public AddressSpaceAllocator(SimulatedMemory memory, ulong start, ulong end)
    {
        _memory = memory;
        _next = start;
        _end = end;
    }

    public ulong Allocate(ulong size, ulong alignment)
    {
        ulong address = (_next + alignment - 1) & ~(alignment - 1);
        if (address + size > _end)
        {
            throw new System.InvalidOperationException($"Simulated address region exhausted at 0x{address:X}.");
        }

        _next = address + size;
        _memory.Map(address, size);
        return address;
    }
}
