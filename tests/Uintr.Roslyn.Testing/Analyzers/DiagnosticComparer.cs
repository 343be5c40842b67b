using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Uintr.Roslyn.Testing.Analyzers;

/// <summary>Compares expected and actual diagnostics and explains mismatches.</summary>
public static class DiagnosticComparer
{
    /// <summary>Asserts that <paramref name="actual"/> matches <paramref name="expected"/> one to one.</summary>
    public static void AssertEqual(IReadOnlyList<(DiagnosticResult Result, string? Path)> expected, IReadOnlyList<Diagnostic> actual, IReadOnlyList<string> sources)
    {
        var remaining = actual.ToList();
        var missing = new List<DiagnosticResult>();
        var wrongMessage = new List<string>();
        foreach (var (result, path) in expected)
        {
            var match = remaining.FirstOrDefault(d => SameIdAndLocation(result, path, d));
            if (match is null)
            {
                missing.Add(result);
                continue;
            }

            remaining.Remove(match);
            if (result.Arguments is { } arguments)
            {
                string want = string.Format(CultureInfo.InvariantCulture, match.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments.ToArray());
                string got = match.GetMessage(CultureInfo.InvariantCulture);
                if (want != got)
                {
                    wrongMessage.Add($"{Describe(match)}\n    expected message: {want}");
                }
            }

            if (result.Severity is { } severity && severity != match.Severity)
            {
                wrongMessage.Add($"{Describe(match)}\n    expected severity: {severity}");
            }
        }

        if (missing.Count == 0 && remaining.Count == 0 && wrongMessage.Count == 0)
        {
            return;
        }

        var report = new StringBuilder("Diagnostics differ from the expected ones.\n");
        Section(report, "Expected but not reported", missing.Select(m => Describe(m, sources)));
        Section(report, "Reported but not expected", remaining.Select(d => Describe(d) + "\n    markup: " + Markup(d, sources)));
        Section(report, "Reported with the wrong message or severity", wrongMessage);
        Section(report, "All reported", actual.Select(Describe));
        Assert.Fail(report.ToString());
    }

    /// <summary>One line per diagnostic: <c>/0/Test0.cs(3,5): warning UINTR010: message</c>.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(Describe));

    /// <summary>One diagnostic in compiler style.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        string where = diagnostic.Location.IsInSource
            ? $"{diagnostic.Location.SourceTree!.FilePath}({Position(diagnostic.Location.GetLineSpan().StartLinePosition)})-({Position(diagnostic.Location.GetLineSpan().EndLinePosition)})"
            : "(no location)";
        return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string Describe(DiagnosticResult result, IReadOnlyList<string> sources)
    {
        if (result.Span is not { } span || result.Path is null)
        {
            return $"(no location): {result.Id}";
        }

        int index = SourceIndex(result.Path);
        var text = index >= 0 && index < sources.Count ? SourceText.From(sources[index]) : null;
        string where = text is null ? span.ToString() : $"({Position(text.Lines.GetLinePosition(span.Start))})-({Position(text.Lines.GetLinePosition(span.End))}) '{text.ToString(span)}'";
        return $"{result.Path}{where}: {result.Id}";
    }

    private static bool SameIdAndLocation(DiagnosticResult result, string? path, Diagnostic diagnostic)
    {
        if (result.Id != diagnostic.Id)
        {
            return false;
        }

        if (!result.HasLocation)
        {
            return !diagnostic.Location.IsInSource;
        }

        return diagnostic.Location.IsInSource
            && diagnostic.Location.SourceTree!.FilePath == path
            && diagnostic.Location.SourceSpan == result.Span;
    }

    // What to paste into the test to expect this diagnostic: the marked source line.
    private static string Markup(Diagnostic diagnostic, IReadOnlyList<string> sources)
    {
        if (!diagnostic.Location.IsInSource)
        {
            return "(no location)";
        }

        var text = diagnostic.Location.SourceTree!.GetText();
        var span = diagnostic.Location.SourceSpan;
        var line = text.Lines.GetLineFromPosition(span.Start);
        int end = Math.Min(span.End, line.End);
        return text.ToString(TextSpan.FromBounds(line.Start, span.Start)).TrimStart()
            + "{|" + diagnostic.Id + ":" + text.ToString(TextSpan.FromBounds(span.Start, end)) + "|}"
            + text.ToString(TextSpan.FromBounds(end, line.End));
    }

    private static int SourceIndex(string path) =>
        path.StartsWith("/0/Test", StringComparison.Ordinal) && int.TryParse(path.AsSpan(7, path.Length - 10), out int index) ? index : -1;

    private static string Position(LinePosition position) => $"{position.Line + 1},{position.Character + 1}";

    private static void Section(StringBuilder report, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count > 0)
        {
            report.Append(title).Append(":\n");
            foreach (string line in list)
            {
                report.Append("  ").Append(line).Append('\n');
            }
        }
    }
}
