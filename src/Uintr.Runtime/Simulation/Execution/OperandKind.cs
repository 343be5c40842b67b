namespace Uintr.Simulation.Execution;

/// <summary>Where an explicit operand lives.</summary>
internal enum OperandKind
{
    None,
    Register,
    Memory,
    Immediate,
}
