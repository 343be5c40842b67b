using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// The declarations whose bodies the flow rules analyse, as syntax-node actions: the operation tree and the
/// control-flow graph are built only for bodies that pass a cheap token pre-filter (the names the rule looks for),
/// instead of for every method of the compilation as operation-block actions would (performance target: &lt;10%).
/// </summary>
internal static class CodeBlocks
{
    /// <summary>The syntax kinds of declarations with an executable body of their own (local functions belong to their method).</summary>
    public static readonly ImmutableArray<SyntaxKind> Kinds = ImmutableArray.Create(
        SyntaxKind.MethodDeclaration,
        SyntaxKind.ConstructorDeclaration,
        SyntaxKind.DestructorDeclaration,
        SyntaxKind.OperatorDeclaration,
        SyntaxKind.ConversionOperatorDeclaration,
        SyntaxKind.GetAccessorDeclaration,
        SyntaxKind.SetAccessorDeclaration,
        SyntaxKind.InitAccessorDeclaration,
        SyntaxKind.AddAccessorDeclaration,
        SyntaxKind.RemoveAccessorDeclaration,
        SyntaxKind.ArrowExpressionClause,
        SyntaxKind.CompilationUnit);

    /// <summary>Whether the declaration's own body mentions one of <paramref name="names"/> as an identifier.</summary>
    public static bool Mentions(SyntaxNode declaration, ImmutableHashSet<string> names)
    {
        var body = BodyOf(declaration);
        if (body is CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax && MentionsAny(member, names))
                {
                    return true;
                }
            }

            return false;
        }

        return body is not null && MentionsAny(body, names);
    }

    private static bool MentionsAny(SyntaxNode node, ImmutableHashSet<string> names)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The control-flow graph of the declaration's body, or null when it has none.</summary>
    public static ControlFlowGraph? GraphOf(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var body = BodyOf(declaration);
        if (body is null)
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

    // The executable part: null for declarations without a body, for arrow clauses owned by a method-like
    // declaration (that declaration is analysed itself), and for compilation units without top-level statements.
    private static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
        ArrowExpressionClauseSyntax arrow when arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax => arrow,
        CompilationUnitSyntax unit when HasTopLevelStatements(unit) => unit,
        _ => null,
    };

    private static bool HasTopLevelStatements(CompilationUnitSyntax unit)
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
}
