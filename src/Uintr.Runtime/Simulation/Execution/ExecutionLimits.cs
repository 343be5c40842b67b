namespace Uintr.Simulation.Execution;

/// <summary>When a run stops. A run that hits none of its stops within the budget is an error.</summary>
/// <param name="MaxInstructions">Instruction budget; exceeding it throws <see cref="InstructionBudgetExceededException"/>.</param>
/// <param name="StopAddress">Stop (without executing) when RIP reaches this address, e.g. a sentinel return address.</param>
/// <param name="StopAtUiret">Stop right after a UIRET (true by default: a trampoline ends with it).</param>
internal readonly record struct ExecutionLimits(long MaxInstructions, ulong? StopAddress = null, bool StopAtUiret = true)
{
    /// <summary>A generous budget for a trampoline (a few dozen instructions at most), stopping at UIRET.</summary>
    public static ExecutionLimits Trampoline => new(MaxInstructions: 10_000);
}
