namespace Uintr.Simulation.Timing.Validation;

/// <summary>Why the blocking mechanisms' ratios can miss the RFC's table, whatever the mechanism.</summary>
internal static class RatioMissExplanation
{
    /// <summary>The reasons shared by every blocking mechanism.</summary>
    public const string Common =
        "Every blocking mechanism shares the wake-up path (try_to_wake_up, C1 exit, enqueue, schedule, switch), which the model " +
        "takes from production Sapphire Rapids figures on an idle, pinned two-core setup; the RFC measured pre-production " +
        "hardware with a 2021 kernel, unpinned processes (wake-ups may migrate the wakee or find the core in a deeper idle " +
        "state than C1), and published only ratios, so its absolute wake-up cost cannot be separated from its spinning user-IPI " +
        "reference. The ratios between blocking mechanisms, where that reference cancels out, are compared in the rows " +
        "marked \"no spinning reference\".";
}
