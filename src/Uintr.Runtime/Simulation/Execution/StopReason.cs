namespace Uintr.Simulation.Execution;

/// <summary>Why <see cref="X86Interpreter.Run(Architecture.RegisterFile, ExecutionLimits)"/> returned.</summary>
internal enum StopReason
{
    /// <summary>A UIRET was executed: the usual end of a trampoline.</summary>
    Uiret,

    /// <summary>RIP reached <see cref="ExecutionLimits.StopAddress"/> (for example a RET to a sentinel address).</summary>
    StopAddress,

    /// <summary>The budget ran out and <see cref="ExecutionLimits.ReturnWhenBudgetExhausted"/> asked for a return rather than an error.</summary>
    InstructionBudget,
}
