using System.Collections.Immutable;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// What calling one source method can do, from a caller's point of view: at most one finding per rule
/// (the caller reports each rule once per call). <see cref="Complete"/> is false when the analysis was cut by the
/// depth bound or a call cycle; such summaries are not cached.
/// </summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Safe = new(ImmutableArray<Finding>.Empty, complete: true);

    public MethodSummary(ImmutableArray<Finding> findings, bool complete)
    {
        Findings = findings;
        Complete = complete;
    }

    public ImmutableArray<Finding> Findings { get; }

    public bool Complete { get; }
}
