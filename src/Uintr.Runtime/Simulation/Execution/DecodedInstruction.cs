using Iced.Intel;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Execution;

/// <summary>
/// An instruction decoded once and cached by address: what it does, its operands resolved to
/// GPR indices / immediates / one memory operand, and its cycle cost. Instructions that usually
/// follow each other are linked, so the hot loop of a trampoline never touches the cache
/// dictionary after the first run.
/// </summary>
internal sealed class DecodedInstruction
{
    private byte[]? _bytes;
    private string? _text;

    public required ulong Address { get; init; }

    public required ulong NextAddress { get; init; }

    /// <summary>Iced's decoding, kept for formatting (tracing, error messages).</summary>
    public required Instruction Instruction { get; init; }

    public required ExecutionOperation Operation { get; init; }

    /// <summary>Operand size in bytes: 4 or 8 (0 for instructions without data operands).</summary>
    public int OperandSize { get; init; }

    public DecodedOperand Destination { get; init; }

    public DecodedOperand Source { get; init; }

    public bool IsLocked { get; init; }

    public bool HasMemoryOperand { get; init; }

    /// <summary>Memory base register (GPR index), or -1.</summary>
    public int MemoryBase { get; init; } = -1;

    /// <summary>Memory index register (GPR index), or -1.</summary>
    public int MemoryIndex { get; init; } = -1;

    public int MemoryScale { get; init; } = 1;

    /// <summary>Displacement; for a RIP-relative operand, the absolute address.</summary>
    public ulong MemoryDisplacement { get; init; }

    /// <summary>67h prefix: the effective address is truncated to 32 bits.</summary>
    public bool AddressSize32 { get; init; }

    public ConditionCode Condition { get; init; }

    public ulong BranchTarget { get; init; }

    /// <summary>RET imm16: bytes released after popping the return address.</summary>
    public ulong ReturnPopBytes { get; init; }

    /// <summary>Cycles the timing model charges (delegated instructions add what the system layer returns).</summary>
    public long Cycles { get; init; }

    /// <summary>The instruction decoded at <see cref="NextAddress"/>, once known.</summary>
    public DecodedInstruction? FallThrough { get; set; }

    /// <summary>The instruction decoded at <see cref="BranchTarget"/>, once known.</summary>
    public DecodedInstruction? BranchTaken { get; set; }

    public int Length => (int)(NextAddress - Address);

    /// <summary>Effective address of the memory operand (SDM Vol. 1, 3.7.5: base + index * scale + displacement).</summary>
    public ulong EffectiveAddress(RegisterFile registers)
    {
        ulong address = MemoryDisplacement;
        if (MemoryBase >= 0)
        {
            address += registers[(Gpr)MemoryBase];
        }

        if (MemoryIndex >= 0)
        {
            address += registers[(Gpr)MemoryIndex] * (ulong)MemoryScale;
        }

        return AddressSize32 ? (uint)address : address;
    }

    public byte[] GetBytes(SimulatedMemory memory)
    {
        if (_bytes is null)
        {
            var bytes = new byte[Length];
            memory.Read(Address, bytes);
            _bytes = bytes;
        }

        return _bytes;
    }

    public string Text => _text ??= Instruction.ToString();

    public override string ToString() => $"{Address:X16} {Text}";
}
