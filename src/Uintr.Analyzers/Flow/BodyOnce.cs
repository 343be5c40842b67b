using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// Registers "analyse the body around each call to one of these names, once per body" for one compilation
/// (the set of analysed bodies lives in the compilation-start scope, so nothing is shared across compilations).
/// </summary>
internal static class BodyOnce
{
    public static void Register(CompilationStartAnalysisContext context, ImmutableHashSet<string> names, Action<SyntaxNodeAnalysisContext, SyntaxNode> analyze)
    {
        var analyzed = new ConcurrentDictionary<SyntaxNode, byte>();
        context.RegisterSyntaxNodeAction(
            node =>
            {
                if (CodeBlocks.InvokedName((InvocationExpressionSyntax)node.Node) is { } name
                    && names.Contains(name)
                    && CodeBlocks.OwnerOf(node.Node) is { } owner
                    && analyzed.TryAdd(owner, 0))
                {
                    analyze(node, owner);
                }
            },
            SyntaxKind.InvocationExpression);
    }
}
