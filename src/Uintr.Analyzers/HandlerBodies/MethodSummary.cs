using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// What calling one source method can do, from a caller's point of view, when calls are followed at most
/// <c>budget</c> deep from it: at most one finding per rule (the caller reports each rule once per call).
/// A summary is a function of the method and the budget only, so a handler's results never depend on which other
/// handler was analysed first; <see cref="OpenCycles"/> names what it depends on besides (see
/// <see cref="InterruptSafetySession.Summarize"/>).
/// </summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Safe = new(ImmutableArray<Finding>.Empty, cut: null, ImmutableHashSet<IMethodSymbol>.Empty);

    /// <summary>A call back into a method already being summarised on this path: nothing new is learnt by going round again.</summary>
    public static MethodSummary Cycle(IMethodSymbol method) =>
        new(ImmutableArray<Finding>.Empty, cut: null, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default, method));

    public MethodSummary(ImmutableArray<Finding> findings, ImmutableArray<string>? cut, ImmutableHashSet<IMethodSymbol> openCycles)
    {
        Findings = findings;
        Cut = cut;
        OpenCycles = openCycles;
    }

    public ImmutableArray<Finding> Findings { get; }

    /// <summary>
    /// The first call chain (in source order) that reached the depth limit, from this method to the source method that
    /// was not analysed; null when nothing was cut. Problems past the cut are not in <see cref="Findings"/>.
    /// </summary>
    public ImmutableArray<string>? Cut { get; }

    /// <summary>
    /// Methods this summary skipped because they were already being summarised further up the path (a call cycle)
    /// and that are not this method itself: while non-empty, the summary depends on the path it was computed from and
    /// is not cached.
    /// </summary>
    public ImmutableHashSet<IMethodSymbol> OpenCycles { get; }
}
