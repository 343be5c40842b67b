using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// The bodies the flow rules analyse. A rule analyses a body only when it calls, by name, what the rule is about
/// (<see cref="CallingBodies"/>); so the operation tree and
/// the control-flow graph are built only for bodies that call what the rule is about, instead of for every method
/// of the compilation as operation-block actions would (performance target: &lt;10% over compilation).
/// </summary>
internal static class CodeBlocks
{
    /// <summary>The name a call invokes, syntactically: <c>x.Name()</c>, <c>x?.Name()</c>, <c>Name()</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>True for a declaration <see cref="GraphOf"/> can analyse: one with a body, or a compilation unit with top-level statements.</summary>
    public static bool IsAnalysedBody(SyntaxNode declaration) => declaration switch
    {
        CompilationUnitSyntax unit => HasGlobalStatement(unit),
        _ => BodyOf(declaration) is not null,
    };

    private static bool HasGlobalStatement(CompilationUnitSyntax unit)
    {
        foreach (var member in unit.Members)
        {
            if (member is GlobalStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    // The graph of a body, shared by the flow rules that analyse the same body (a method that creates, disposes and
    // masks is analysed by three): keyed by the body's operation tree, which the driver's semantic model caches and
    // hands to every rule, so the graph is built once. Weak keys: nothing outlives its compilation.
    private static readonly ConditionalWeakTable<IOperation, ControlFlowGraph> s_graphs = new();
    private static readonly ConditionalWeakTable<ControlFlowGraph, ControlFlowGraph[]> s_withNestedFunctions = new();

    /// <summary>The control-flow graph of the declaration's body, or null when it has none.</summary>
    public static ControlFlowGraph? GraphOf(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (BodyOf(declaration) is null)
        {
            return null;
        }

        var root = model.GetOperation(declaration, cancellationToken);
        if (root is not (IMethodBodyOperation { Parent: null } or IConstructorBodyOperation { Parent: null } or IBlockOperation { Parent: null }))
        {
            return null;
        }

        if (s_graphs.TryGetValue(root, out var cached))
        {
            return cached;
        }

        var graph = root switch
        {
            IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody, cancellationToken),
            IConstructorBodyOperation constructorBody => ControlFlowGraph.Create(constructorBody, cancellationToken),
            _ => ControlFlowGraph.Create((IBlockOperation)root, cancellationToken),
        };

        // Two rules racing on one body may both build it; the first one stored is the one every rule gets.
        return s_graphs.GetValue(root, _ => graph);
    }

    /// <summary>
    /// The graph of a body and, recursively, of every local function and lambda inside it: each runs on its own paths
    /// (a thread body passed to StartThread is a lambda), so each is analysed as a body of its own.
    /// </summary>
    public static ControlFlowGraph[] WithNestedFunctions(ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        if (s_withNestedFunctions.TryGetValue(graph, out var cached))
        {
            return cached;
        }

        var all = AndNestedFunctions(graph, cancellationToken).ToArray();
        return s_withNestedFunctions.GetValue(graph, _ => all);
    }

    private static IEnumerable<ControlFlowGraph> AndNestedFunctions(ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        yield return graph;
        foreach (var localFunction in graph.LocalFunctions)
        {
            foreach (var nested in AndNestedFunctions(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), cancellationToken))
            {
                yield return nested;
            }
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowAnonymousFunctionOperation anonymous)
                    {
                        foreach (var nested in AndNestedFunctions(graph.GetAnonymousFunctionControlFlowGraph(anonymous, cancellationToken), cancellationToken))
                        {
                            yield return nested;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The name used in messages for the member the declaration belongs to.</summary>
    public static string OwnerName(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declaration is CompilationUnitSyntax)
        {
            return "<top-level statements>";
        }

        // An accessor reports its property; an arrow clause its property or indexer.
        var owner = declaration switch
        {
            AccessorDeclarationSyntax accessor => accessor.Parent?.Parent,
            ArrowExpressionClauseSyntax arrow => arrow.Parent,
            _ => declaration,
        };
        return owner is null ? "?" : model.GetDeclaredSymbol(owner, cancellationToken)?.Name ?? "?";
    }

    // The executable part: null for declarations without a body.
    private static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
        ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax => arrow,
        CompilationUnitSyntax unit => unit,
        _ => null,
    };
}
