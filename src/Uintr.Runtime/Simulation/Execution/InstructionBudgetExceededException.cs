using System;

namespace Uintr.Simulation.Execution;

/// <summary>A run executed its whole instruction budget without reaching a stop (UIRET or the stop address): a looping or runaway routine.</summary>
internal sealed class InstructionBudgetExceededException : Exception
{
    public InstructionBudgetExceededException(ulong address, long budget)
        : base($"Instruction budget of {budget} exhausted at 0x{address:X16} without reaching UIRET or the stop address (a loop or a runaway routine?).")
    {
        Address = address;
        Budget = budget;
    }

    /// <summary>RIP of the instruction that would have exceeded the budget.</summary>
    public ulong Address { get; }

    public long Budget { get; }
}
