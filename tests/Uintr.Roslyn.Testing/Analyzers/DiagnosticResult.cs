using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Roslyn.Testing.Analyzers;

/// <summary>
/// An expected diagnostic: an id, a location (a markup marker <c>{|#n:...|}</c>, an explicit span, or
/// none for a location-free diagnostic), and optionally the message arguments and the severity.
/// </summary>
public sealed record DiagnosticResult(string Id)
{
    /// <summary>The key of the <c>{|#n:...|}</c> marker that gives the location.</summary>
    public int? LocationKey { get; init; }

    /// <summary>The file of an explicit location.</summary>
    public string? Path { get; init; }

    /// <summary>The span of an explicit location.</summary>
    public TextSpan? Span { get; init; }

    /// <summary>When set, the message must equal the rule's message format filled with these arguments.</summary>
    public ImmutableArray<object>? Arguments { get; init; }

    /// <summary>When set, the reported severity must equal it.</summary>
    public DiagnosticSeverity? Severity { get; init; }

    /// <summary>Whether the diagnostic has a source location.</summary>
    public bool HasLocation => LocationKey is not null || Span is not null;

    /// <summary>An expectation for <paramref name="id"/>.</summary>
    public static DiagnosticResult Create(string id) => new(id);

    /// <summary>At the <c>{|#key:...|}</c> marker.</summary>
    public DiagnosticResult WithLocation(int key) => this with { LocationKey = key };

    /// <summary>At an explicit span of <paramref name="path"/>.</summary>
    public DiagnosticResult WithSpan(string path, TextSpan span) => this with { Path = path, Span = span };

    /// <summary>With these message arguments.</summary>
    public DiagnosticResult WithArguments(params object[] arguments) => this with { Arguments = arguments.ToImmutableArray() };

    /// <summary>With this severity.</summary>
    public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };
}
