namespace Uintr.Simulation.Execution;

/// <summary>The outcome of one run.</summary>
/// <param name="Instructions">Instructions executed (including the UIRET that ended the run).</param>
/// <param name="Cycles">Simulated core cycles: the timing model's cost of each instruction plus what the delegated system instructions returned.</param>
/// <param name="StopReason">Why the run stopped.</param>
internal readonly record struct ExecutionResult(long Instructions, long Cycles, StopReason StopReason);
