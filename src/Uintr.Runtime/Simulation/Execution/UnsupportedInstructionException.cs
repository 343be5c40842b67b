using System;

namespace Uintr.Simulation.Execution;

/// <summary>
/// The interpreter met an instruction outside the set trampolines need. It never skips one:
/// a silently skipped instruction would corrupt the "every register restored" guarantee.
/// </summary>
internal sealed class UnsupportedInstructionException : Exception
{
    public UnsupportedInstructionException(ulong address, byte[] bytes, string instruction, string? detail = null)
        : base($"Unsupported instruction at 0x{address:X16}: '{instruction}' (bytes {Convert.ToHexString(bytes)})" +
               (detail is null ? string.Empty : $": {detail}") +
               ". The execution layer runs only what trampolines need.")
    {
        Address = address;
        Bytes = bytes;
        Instruction = instruction;
    }

    public ulong Address { get; }

    public byte[] Bytes { get; }

    /// <summary>The Iced-formatted instruction text.</summary>
    public string Instruction { get; }
}
