using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// The per-compilation state of the handler-body rules: a cache of callee summaries and of semantic models, one
/// instance per compilation (<see cref="For"/>), shared by the handler rules and the [InterruptSafe] check, so a
/// helper both reach is summarised once. Nothing is shared across compilations.
/// </summary>
internal sealed class InterruptSafetySession
{
    /// <summary>How many source calls deep a handler is followed.</summary>
    public const int MaxDepth = 8;

    // Weak keys: nothing outlives its compilation.
    private static readonly ConditionalWeakTable<Compilation, InterruptSafetySession> s_perCompilation = new();

    private readonly Compilation _compilation;

    // Per method, its summary for each budget (index: how many calls deep may still be followed from it, 1..MaxDepth).
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?[]> _summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    private InterruptSafetySession(Compilation compilation, UintrSymbols symbols)
    {
        _compilation = compilation;
        Symbols = symbols;
    }

    public UintrSymbols Symbols { get; }

    /// <summary>The session of <paramref name="compilation"/>, shared by every rule that asks.</summary>
    public static InterruptSafetySession For(Compilation compilation, UintrSymbols symbols) =>
        s_perCompilation.GetValue(compilation, c => new InterruptSafetySession(c, symbols));

    /// <summary>Walks one body at <paramref name="depth"/> calls from the handler: its findings (direct ones and, at each call, the callee's), in source order, and where the analysis was cut.</summary>
    public InterruptSafetyWalker AnalyzeBody(IOperation body, ImmutableHashSet<IMethodSymbol> callers, int depth, CancellationToken cancellationToken)
    {
        var walker = new InterruptSafetyWalker(this, callers, depth, cancellationToken);
        walker.Visit(body);
        return walker;
    }

    /// <summary>
    /// The summary of a source method (or local function) with a body, called <paramref name="depth"/> calls from the
    /// handler: its body is analysed with <c>MaxDepth - depth</c> calls left to follow (none left: the chain is cut and
    /// the summary says so). The summary is a function of the method and that budget only, whichever handler asked
    /// first: it is cached per budget, never reused from a smaller budget that was cut short (a larger one is never
    /// reused either: it would see past the caller's limit). The one input besides is a call cycle through a method
    /// further up the path, which is skipped (going round again finds nothing new); a summary that skipped one is not
    /// cached. The caller's semantic model (<c>preferred</c>) is reused for callees in the same tree, so they are bound
    /// once (the driver's model is shared with the other analyzers).
    /// </summary>
    public MethodSummary Summarize(IMethodSymbol method, SemanticModel? preferred, ImmutableHashSet<IMethodSymbol> callers, int depth, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        if (callers.Contains(method))
        {
            return MethodSummary.Cycle(method);
        }

        int budget = MaxDepth - depth;
        if (budget <= 0)
        {
            // The depth limit: the method is not analysed; the caller puts its name at the end of the cut chain.
            return new MethodSummary(ImmutableArray<Finding>.Empty, ImmutableArray<string>.Empty, ImmutableHashSet<IMethodSymbol>.Empty);
        }

        var byBudget = _summaries.GetOrAdd(method, _ => new MethodSummary?[MaxDepth + 1]);
        if (Volatile.Read(ref byBudget[budget]) is { } exact)
        {
            return exact;
        }

        // A summary that nothing cut is the same for any larger budget.
        for (int smaller = budget - 1; smaller >= 1; smaller--)
        {
            if (Volatile.Read(ref byBudget[smaller]) is { Cut: null } uncut)
            {
                return uncut;
            }
        }

        var bodies = BodiesOf(method, preferred, cancellationToken);
        if (bodies is null)
        {
            return MethodSummary.Safe;
        }

        var perRule = new Dictionary<string, Finding>();
        var order = new List<Finding>();
        ImmutableArray<string>? cut = null;
        var openCycles = ImmutableHashSet<IMethodSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default);
        foreach (var body in bodies)
        {
            var walker = AnalyzeBody(body, callers.Add(method), depth + 1, cancellationToken);
            foreach (var finding in walker.Findings)
            {
                if (!perRule.ContainsKey(finding.Key))
                {
                    perRule.Add(finding.Key, finding);
                    order.Add(finding);
                }
            }

            cut ??= walker.CutChain;
            openCycles = openCycles.Union(walker.OpenCycles);
        }

        // A cycle back to this method is closed here: it no longer depends on the path above.
        openCycles = openCycles.Remove(method);
        var summary = new MethodSummary(order.ToImmutableArray(), cut, openCycles);
        if (openCycles.IsEmpty)
        {
            // Deterministic: two threads computing the same (method, budget) compute the same summary.
            Volatile.Write(ref byBudget[budget], summary);
        }

        return summary;
    }

    /// <summary>Whether <paramref name="method"/> has source to analyse (a body, or an auto-accessor that needs none).</summary>
    public static bool IsInSource(IMethodSymbol method) =>
        !method.DeclaringSyntaxReferences.IsEmpty || (method.PartialImplementationPart?.DeclaringSyntaxReferences.IsEmpty == false);

    // The operation trees of the method's body (null when it has none to analyse: auto-accessor, implicit member).
    private List<IOperation>? BodiesOf(IMethodSymbol method, SemanticModel? preferred, CancellationToken cancellationToken)
    {
        List<IOperation>? bodies = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var model = preferred is not null && preferred.SyntaxTree == syntax.SyntaxTree ? preferred : ModelOf(syntax.SyntaxTree);
            IOperation? operation = syntax switch
            {
                LocalFunctionStatementSyntax => (model.GetOperation(syntax, cancellationToken) as ILocalFunctionOperation)?.Body,
                AccessorDeclarationSyntax { Body: null, ExpressionBody: null } => null,
                _ => model.GetOperation(syntax, cancellationToken),
            };
            if (operation is not null)
            {
                (bodies ??= new List<IOperation>()).Add(operation);
            }
        }

        return bodies;
    }

#pragma warning disable RS1030 // Transitive analysis needs the bodies of callees in other trees; models are cached per compilation.
    /// <summary>The compilation's semantic model of <paramref name="tree"/> (under the analyzer driver, the one it shares with every analyzer and fills with the compiler's bound trees).</summary>
    public SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
}
