using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Generators.Pipeline;

/// <summary>Identifier spelling for generated source.</summary>
internal static class Identifiers
{
    /// <summary>The name as source spells it: reserved keywords get an <c>@</c>.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
