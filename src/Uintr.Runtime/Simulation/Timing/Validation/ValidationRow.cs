using System;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>One line of the validation report: a quantity, the model's value, the published value and the verdict.</summary>
/// <param name="Quantity">What is compared.</param>
/// <param name="Unit">"cycles" or "ratio".</param>
/// <param name="ModelValue">What the model (or the simulator run) gives.</param>
/// <param name="PublishedValue">The published figure, or <see langword="null"/> when there is none.</param>
/// <param name="TargetPercent">Allowed deviation in percent.</param>
/// <param name="Origin">Where the model value comes from (simulator run, component model, parameter).</param>
/// <param name="Explanation">Why the value is what it is; for a miss, why it misses.</param>
internal sealed record ValidationRow(
    string Quantity,
    string Unit,
    double ModelValue,
    double? PublishedValue,
    double TargetPercent,
    string Origin,
    string Explanation)
{
    /// <summary>(model - published) / published in percent; <see langword="null"/> without a published value.</summary>
    public double? DeviationPercent => PublishedValue is { } published ? (ModelValue - published) / published * 100 : null;

    /// <summary>Pass within the target, miss outside it, info without a published value.</summary>
    public ValidationStatus Status => DeviationPercent switch
    {
        null => ValidationStatus.Info,
        { } deviation when Math.Abs(deviation) <= TargetPercent => ValidationStatus.Pass,
        _ => ValidationStatus.Miss,
    };
}
