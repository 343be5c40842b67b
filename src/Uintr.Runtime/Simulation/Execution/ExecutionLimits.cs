namespace Uintr.Simulation.Execution;

/// <summary>When a run stops.</summary>
/// <param name="MaxInstructions">Instruction budget. Running out of it is an error (<see cref="InstructionBudgetExceededException"/>) unless <paramref name="ReturnWhenBudgetExhausted"/> is set.</param>
/// <param name="StopAddress">Stop (without executing) when RIP reaches this address, e.g. a sentinel return address.</param>
/// <param name="StopAtUiret">Stop right after a UIRET (true by default: a trampoline ends with it).</param>
/// <param name="ReturnWhenBudgetExhausted">
/// Return <see cref="StopReason.InstructionBudget"/> instead of throwing when the budget runs out:
/// for a caller that steps or time-slices the routine (a budget of 1 is a single step).
/// </param>
internal readonly record struct ExecutionLimits(
    long MaxInstructions,
    ulong? StopAddress = null,
    bool StopAtUiret = true,
    bool ReturnWhenBudgetExhausted = false)
{
    /// <summary>A generous budget for a trampoline (a few dozen instructions at most), stopping at UIRET.</summary>
    public static ExecutionLimits Trampoline => new(MaxInstructions: 10_000);
}
