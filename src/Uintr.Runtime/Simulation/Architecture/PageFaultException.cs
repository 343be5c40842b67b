using System;

namespace Uintr.Simulation.Architecture;

/// <summary>#PF: the simulated machine touched memory that is not mapped (a simulator or trampoline bug, never a user error).</summary>
internal sealed class PageFaultException : Exception
{
    public PageFaultException(ulong address)
        : base($"#PF: access to unmapped simulated address 0x{address:X16}")
    {
        Address = address;
    }

    public ulong Address { get; }
}
