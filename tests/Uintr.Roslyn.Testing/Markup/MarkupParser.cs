using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Roslyn.Testing.Markup;

/// <summary>
/// Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|...|]</c> marks a diagnostic of the rule
/// under test, <c>{|ID:...|}</c> one with that id, <c>{|#n:...|}</c> a location that expectations refer
/// to by number, and <c>$$</c> the caret. Spans may nest.
/// </summary>
public static class MarkupParser
{
    /// <summary>Splits <paramref name="markup"/> into clean text and spans.</summary>
    /// <exception cref="FormatException">Unbalanced or malformed markers.</exception>
    public static MarkupSource Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string Closer, string? Id, int? Key, int Start)>();
        var spans = new List<(int Order, MarkupSpan Span)>();
        int? caret = null;
        int order = 0;

        for (int i = 0; i < markup.Length;)
        {
            if (At(markup, i, "$$"))
            {
                if (caret is not null)
                {
                    throw new FormatException("The markup has more than one $$ caret.");
                }

                caret = text.Length;
                i += 2;
            }
            else if (At(markup, i, "[|"))
            {
                open.Push(("|]", null, null, text.Length));
                i += 2;
            }
            else if (At(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"'{{|' at offset {i} has no ':' after its id.");
                }

                string label = markup.Substring(i + 2, colon - i - 2);
                var (id, key) = ParseLabel(label, i);
                open.Push(("|}", id, key, text.Length));
                i = colon + 1;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                string closer = markup.Substring(i, 2);
                if (open.Count == 0 || open.Peek().Closer != closer)
                {
                    throw new FormatException($"'{closer}' at offset {i} closes nothing.");
                }

                var (_, id, key, start) = open.Pop();
                spans.Add((order++, new MarkupSpan(id, key, TextSpan.FromBounds(start, text.Length))));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"{open.Count} span(s) are not closed.");
        }

        // Report spans by start position (nested spans close before their parents).
        var ordered = spans.OrderBy(s => s.Span.Span.Start).ThenBy(s => -s.Span.Span.Length).ThenBy(s => s.Order).Select(s => s.Span);
        return new MarkupSource(text.ToString(), ordered.ToImmutableArray(), caret);
    }

    private static (string? Id, int? Key) ParseLabel(string label, int offset)
    {
        if (label.StartsWith("#", StringComparison.Ordinal))
        {
            return int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int key)
                ? (null, key)
                : throw new FormatException($"Location marker '{label}' at offset {offset} is not '#<number>'.");
        }

        return label.Length > 0 && label.All(c => char.IsLetterOrDigit(c) || c == '_')
            ? (label, null)
            : throw new FormatException($"Diagnostic id '{label}' at offset {offset} is not an identifier.");
    }

    private static bool At(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
