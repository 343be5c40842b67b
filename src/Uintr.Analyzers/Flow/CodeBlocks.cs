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

    /// <summary>The control-flow graph of the declaration's body, or null when it has none.</summary>
    public static ControlFlowGraph? GraphOf(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (BodyOf(declaration) is null)
        {
            return null;
        }

        return model.GetOperation(declaration, cancellationToken) switch
        {
            IMethodBodyOperation { Parent: null } methodBody => ControlFlowGraph.Create(methodBody, cancellationToken),
            IConstructorBodyOperation { Parent: null } constructorBody => ControlFlowGraph.Create(constructorBody, cancellationToken),
            IBlockOperation { Parent: null } block => ControlFlowGraph.Create(block, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The name used in messages for the member the declaration belongs to.</summary>
    /// <summary>
    /// The graph of a body and, recursively, of every local function and lambda inside it: each runs on its own paths
    /// (a thread body passed to StartThread is a lambda), so each is analysed as a body of its own.
    /// </summary>
    public static System.Collections.Generic.IEnumerable<ControlFlowGraph> WithNestedFunctions(ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        yield return graph;
        foreach (var localFunction in graph.LocalFunctions)
        {
            foreach (var nested in WithNestedFunctions(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), cancellationToken))
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
                        foreach (var nested in WithNestedFunctions(graph.GetAnonymousFunctionControlFlowGraph(anonymous, cancellationToken), cancellationToken))
                        {
                            yield return nested;
                        }
                    }
                }
            }
        }
    }

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
