using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Roslyn.Testing;

/// <summary>Diagnostics as text for assertion messages of tests that are not one verifier run (the verifiers print their own).</summary>
public static class DiagnosticText
{
    /// <summary>One line per diagnostic: <c>/0/Test0.cs(3,5)-(3,9): warning UINTR010: message</c>.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(Describe));

    /// <summary>One diagnostic in compiler style.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        string where = diagnostic.Location.IsInSource
            ? $"{diagnostic.Location.SourceTree!.FilePath}({Position(diagnostic.Location.GetLineSpan().StartLinePosition)})-({Position(diagnostic.Location.GetLineSpan().EndLinePosition)})"
            : "(no location)";
        return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string Position(LinePosition position) => $"{position.Line + 1},{position.Character + 1}";
}
