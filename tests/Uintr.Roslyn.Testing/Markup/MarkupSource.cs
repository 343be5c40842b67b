using System.Collections.Immutable;

namespace Uintr.Roslyn.Testing.Markup;

/// <summary>A markup source split into clean text and the spans it marked.</summary>
/// <param name="Text">The source with every marker removed.</param>
/// <param name="Spans">The marked spans, in order of their start marker.</param>
/// <param name="Caret">The position of <c>$$</c>, if any.</param>
public sealed record MarkupSource(string Text, ImmutableArray<MarkupSpan> Spans, int? Caret);
