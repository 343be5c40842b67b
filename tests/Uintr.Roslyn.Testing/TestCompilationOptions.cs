using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Roslyn.Testing;

/// <summary>How <see cref="TestCompilation"/> builds a compilation.</summary>
public sealed record TestCompilationOptions
{
    /// <summary>The defaults: a library, nullable enabled, latest C#, warnings as errors, net10.0 + Uintr.Runtime.</summary>
    public static TestCompilationOptions Default { get; } = new();

    /// <summary>Library, console application, ...</summary>
    public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    /// <summary>The project-wide nullable context.</summary>
    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    /// <summary>The C# version the sources are parsed with.</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>Report every warning as an error, as the repository builds do.</summary>
    public bool WarningsAsErrors { get; init; } = true;

    /// <summary>The metadata references.</summary>
    public ImmutableArray<MetadataReference> References { get; init; } = ReferenceAssemblies.NetWithUintr;

    /// <summary>Per-diagnostic severities (what <c>dotnet_diagnostic.ID.severity</c> sets).</summary>
    public IReadOnlyDictionary<string, ReportDiagnostic> DiagnosticSeverities { get; init; } = ImmutableDictionary<string, ReportDiagnostic>.Empty;

    /// <summary>The assembly name.</summary>
    public string AssemblyName { get; init; } = "TestAssembly";

    /// <summary>The parse options these settings imply.</summary>
    public CSharpParseOptions ParseOptions => new(LanguageVersion);
}
