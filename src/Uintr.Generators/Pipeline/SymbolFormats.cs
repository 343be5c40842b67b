using Microsoft.CodeAnalysis;

namespace Uintr.Generators.Pipeline;

/// <summary>Display formats for the names the generator writes.</summary>
internal static class SymbolFormats
{
    /// <summary><c>Demo.Outer.Doorbell</c>, unescaped: for strings.</summary>
    public static readonly SymbolDisplayFormat Display = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    /// <summary><c>Demo.Outer</c> with keywords escaped: for the namespace declaration.</summary>
    public static readonly SymbolDisplayFormat Namespace = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);
}
