namespace Uintr.Simulation.Timing.Validation;

/// <summary>Outcome of one validation row.</summary>
internal enum ValidationStatus
{
    /// <summary>Within the target.</summary>
    Pass,

    /// <summary>Outside the target; the row's explanation says why.</summary>
    Miss,

    /// <summary>No published figure to compare with; shown for reference.</summary>
    Info,
}
