using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// Registers "analyse each body that calls one of these names" for one compilation. It runs once per file (see
/// <see cref="MemberDeclarations"/>): every body of the file is compiled by then, so the rules' operation trees come
/// from the compiler's cache. The name check is syntactic, so bodies that call none of the names cost no semantic work.
/// </summary>
internal static class CallingBodies
{
    public static void Register(CompilationStartAnalysisContext context, ImmutableHashSet<string> names, Action<SemanticModelAnalysisContext, SyntaxNode> analyze) =>
        Register(context, names.Contains, analyze);

    /// <summary>As above, with the names given as a predicate (a set computed lazily per compilation).</summary>
    public static void Register(CompilationStartAnalysisContext context, Func<string, bool> names, Action<SemanticModelAnalysisContext, SyntaxNode> analyze)
    {
        context.RegisterSemanticModelAction(file =>
        {
            foreach (var body in BodiesIn(file.SemanticModel.SyntaxTree.GetRoot(file.CancellationToken)))
            {
                if (CodeBlocks.IsAnalysedBody(body) && Calls(body, names))
                {
                    analyze(file, body);
                }
            }
        });
    }

    // The declarations CodeBlocks can analyse: members with a body, accessors, the arrow of a property or indexer, and
    // the compilation unit itself for its top-level statements. Lambdas and local functions belong to their declaration.
    private static IEnumerable<SyntaxNode> BodiesIn(SyntaxNode root)
    {
        yield return root;
        foreach (var member in MemberDeclarations.In(root))
        {
            switch (member)
            {
                case BaseMethodDeclarationSyntax method:
                    yield return method;
                    break;
                case BasePropertyDeclarationSyntax property:
                    if (property.AccessorList is { } accessors)
                    {
                        foreach (var accessor in accessors.Accessors)
                        {
                            yield return accessor;
                        }
                    }

                    if (property is PropertyDeclarationSyntax { ExpressionBody: { } propertyArrow })
                    {
                        yield return propertyArrow;
                    }
                    else if (property is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow })
                    {
                        yield return indexerArrow;
                    }

                    break;
            }
        }
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
