using Microsoft.CodeAnalysis.Text;

namespace Uintr.Roslyn.Testing.Markup;

/// <summary>A marked span of a markup source.</summary>
/// <param name="Id">The diagnostic id of <c>{|ID:...|}</c>; null for <c>[|...|]</c> (the rule under test) and for location markers.</param>
/// <param name="LocationKey">The key <c>n</c> of a location marker <c>{|#n:...|}</c>; null otherwise.</param>
/// <param name="Span">The span in the clean text.</param>
public sealed record MarkupSpan(string? Id, int? LocationKey, TextSpan Span)
{
    /// <summary>Whether this span declares an expected diagnostic (<c>[|...|]</c> or <c>{|ID:...|}</c>).</summary>
    public bool IsDiagnostic => LocationKey is null;
}
