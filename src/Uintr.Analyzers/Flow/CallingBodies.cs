using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// Registers "analyse each body that calls one of these names" for one compilation. The action is a syntax-node
/// action on the body's declaration itself, not on the call: a diagnostic must lie inside the node its action was
/// given, or Roslyn files it as non-local (the IDE then offers no code fix for it and may not show it while typing).
/// The name check is syntactic, so bodies that call none of the names cost no semantic work.
/// </summary>
internal static class CallingBodies
{
    private static readonly SyntaxKind[] DeclarationKinds =
    {
        SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
        SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration,
        SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration, SyntaxKind.InitAccessorDeclaration,
        SyntaxKind.AddAccessorDeclaration, SyntaxKind.RemoveAccessorDeclaration,
        SyntaxKind.ArrowExpressionClause, SyntaxKind.CompilationUnit,
    };

    public static void Register(CompilationStartAnalysisContext context, ImmutableHashSet<string> names, Action<SyntaxNodeAnalysisContext, SyntaxNode> analyze) =>
        Register(context, names.Contains, analyze);

    /// <summary>As above, with the names given as a predicate (a set computed lazily per compilation).</summary>
    public static void Register(CompilationStartAnalysisContext context, Func<string, bool> names, Action<SyntaxNodeAnalysisContext, SyntaxNode> analyze)
    {
        context.RegisterSyntaxNodeAction(
            node =>
            {
                if (CodeBlocks.IsAnalysedBody(node.Node) && Calls(node.Node, names))
                {
                    analyze(node, node.Node);
                }
            },
            DeclarationKinds);
    }

    // The names a declaration's body calls, computed once per declaration node and shared by every rule that asks
    // (four flow rules pre-filter the same bodies; one syntax walk instead of four). Weak keys: nothing outlives its tree.
    private static readonly ConditionalWeakTable<SyntaxNode, HashSet<string>> s_invokedNames = new();

    private static bool Calls(SyntaxNode declaration, Func<string, bool> names)
    {
        foreach (string name in s_invokedNames.GetValue(declaration, InvokedNames))
        {
            if (names(name))
            {
                return true;
            }
        }

        return false;
    }

    // Top-level statements are the compilation unit's global statements only; elsewhere the whole declaration
    // (lambdas and local functions belong to it).
    private static HashSet<string> InvokedNames(SyntaxNode declaration)
    {
        var invoked = new HashSet<string>(StringComparer.Ordinal);
        if (declaration is CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax statement)
                {
                    Collect(statement, invoked);
                }
            }
        }
        else
        {
            Collect(declaration, invoked);
        }

        return invoked;
    }

    private static void Collect(SyntaxNode scope, HashSet<string> invoked)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && CodeBlocks.InvokedName(invocation) is { } name)
            {
                invoked.Add(name);
            }
        }
    }
}
