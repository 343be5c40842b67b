using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// A local collection or array created in the method that never leaves it and whose elements are never disposed
/// (<c>var list = new List&lt;UintrSender&gt;(); list.Add(p.RegisterSender(fd));</c> and nothing else): putting an
/// owned object there is not an ownership transfer, the object leaks with the collection. Decided on syntax, and
/// only when every other mention of the local is an add, an element store, a count, or a member use of an element
/// other than Dispose; anything else (a foreach, passing or returning it, disposing elements) counts as handled.
/// </summary>
internal static class LocalCollections
{
    public static bool IsDeadEnd(ILocalSymbol local, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.Initializer?.Value is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or CollectionExpressionSyntax)
            || Scope(declarator) is not { } scope)
        {
            return false;
        }

        string name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && !IsDeadEndUse(identifier))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDeadEndUse(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        // list.Add(x), list.Count, fds.Length
        MemberAccessExpressionSyntax access when access.Expression == identifier =>
            access.Name.Identifier.ValueText is "Count" or "Length" or "Capacity"
            || access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access
                && access.Name.Identifier.ValueText is "Add" or "Push" or "Enqueue" or "Insert" or "TryAdd" or "AddLast" or "AddFirst",
        // fds[i] = x, fds[i].Vector, fds[i].Send()
        ElementAccessExpressionSyntax element when element.Expression == identifier => element.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == element && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression),
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText != "Dispose",
            _ => false,
        },
        _ => false,
    };

    private static SyntaxNode? Scope(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            {
                return ancestor;
            }
        }

        return null;
    }
}
