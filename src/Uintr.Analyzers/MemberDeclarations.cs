using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Uintr.Analyzers;

/// <summary>
/// The member declarations of a file, found by walking namespaces and types only (never statements or expressions),
/// for the rules that run once per file in a semantic-model action instead of once per declaration in a syntax-node
/// or symbol action.
/// </summary>
/// <remarks>
/// Why per file: the driver runs a semantic-model action after the compiler has finished the file, when every method
/// of the file is bound and its bound tree cached in the analyzers' semantic model, so asking for a body's operations
/// (or a helper's) costs no binding. A per-declaration action costs the driver a dispatch per declaration and rule, and a
/// symbol-start action makes it track every member of every type. The diagnostics stay local to the file, which
/// the IDE's per-document analysis reports.
/// </remarks>
internal static class MemberDeclarations
{
    /// <summary>Every member declaration in <paramref name="root"/>, types included, nested types' members too.</summary>
    public static IEnumerable<MemberDeclarationSyntax> In(SyntaxNode root)
    {
        var pending = new Stack<SyntaxList<MemberDeclarationSyntax>>();
        if (root is CompilationUnitSyntax unit)
        {
            pending.Push(unit.Members);
        }

        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop())
            {
                yield return member;
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        pending.Push(ns.Members);
                        break;
                    case TypeDeclarationSyntax type:
                        pending.Push(type.Members);
                        break;
                }
            }
        }
    }

    /// <summary>The method declarations of <paramref name="root"/> that carry attributes of their own.</summary>
    public static IEnumerable<MethodDeclarationSyntax> AttributedMethodsIn(SyntaxNode root)
    {
        foreach (var member in In(root))
        {
            if (member is MethodDeclarationSyntax { AttributeLists.Count: > 0 } method)
            {
                yield return method;
            }
        }
    }
}
