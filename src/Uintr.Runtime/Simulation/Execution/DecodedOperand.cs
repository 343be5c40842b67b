namespace Uintr.Simulation.Execution;

/// <summary>
/// One explicit operand, pre-resolved from Iced's operand kinds: a GPR in encoding order, the
/// instruction's (single) memory operand, or an immediate already sign-extended as the SDM says.
/// </summary>
internal readonly struct DecodedOperand
{
    private DecodedOperand(OperandKind kind, int register, ulong immediate)
    {
        Kind = kind;
        Register = register;
        Immediate = immediate;
    }

    public static DecodedOperand None => default;

    public static DecodedOperand Memory => new(OperandKind.Memory, -1, 0);

    public OperandKind Kind { get; }

    /// <summary>The GPR index (<see cref="Architecture.Gpr"/>) for a register operand.</summary>
    public int Register { get; }

    public ulong Immediate { get; }

    public bool IsMemory => Kind == OperandKind.Memory;

    public static DecodedOperand FromRegister(int register) => new(OperandKind.Register, register, 0);

    public static DecodedOperand FromImmediate(ulong value) => new(OperandKind.Immediate, -1, value);
}
