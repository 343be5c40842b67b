using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// The per-compilation state of the handler-body rules: a cache of callee summaries and of semantic models.
/// Created in a compilation-start action, so nothing is shared across compilations.
/// </summary>
internal sealed class InterruptSafetySession
{
    /// <summary>How many source calls deep a handler is followed.</summary>
    public const int MaxDepth = 8;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> _summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public InterruptSafetySession(Compilation compilation, UintrSymbols symbols)
    {
        _compilation = compilation;
        Symbols = symbols;
    }

    public UintrSymbols Symbols { get; }

    /// <summary>All findings of one body (direct ones and, at each call, the callee's), in source order.</summary>
    public List<Finding> AnalyzeBody(IOperation body, ImmutableHashSet<IMethodSymbol> callers, int depth, CancellationToken cancellationToken, out bool complete)
    {
        var walker = new InterruptSafetyWalker(this, callers, depth, cancellationToken);
        walker.Visit(body);
        complete = walker.Complete;
        return walker.Findings;
    }

    /// <summary>
    /// The summary of a source method (or local function) with a body; cached when complete. The caller's semantic
    /// model (<c>preferred</c>) is reused for callees in the same tree, so they are bound once (the driver's model is
    /// shared with the other analyzers).
    /// </summary>
    public MethodSummary Summarize(IMethodSymbol method, SemanticModel? preferred, ImmutableHashSet<IMethodSymbol> callers, int depth, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        if (_summaries.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (callers.Contains(method) || depth >= MaxDepth)
        {
            // A cycle or the depth bound: nothing more is learnt on this path.
            return new MethodSummary(ImmutableArray<Finding>.Empty, complete: false);
        }

        var bodies = BodiesOf(method, preferred, cancellationToken);
        if (bodies is null)
        {
            return MethodSummary.Safe;
        }

        var perRule = new Dictionary<string, Finding>();
        bool complete = true;
        foreach (var body in bodies)
        {
            var bodyFindings = AnalyzeBody(body, callers.Add(method), depth + 1, cancellationToken, out bool bodyComplete);
            foreach (var finding in bodyFindings)
            {
                if (!perRule.ContainsKey(finding.Key))
                {
                    perRule.Add(finding.Key, finding);
                }
            }

            complete &= bodyComplete;
        }

        var findings = ImmutableArray.CreateBuilder<Finding>(perRule.Count);
        foreach (var finding in perRule.Values)
        {
            findings.Add(finding);
        }

        var summary = new MethodSummary(findings.MoveToImmutable(), complete);
        if (complete)
        {
            _summaries.TryAdd(method, summary);
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
    private SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
}
