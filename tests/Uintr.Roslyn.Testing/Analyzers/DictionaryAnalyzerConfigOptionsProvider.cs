using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Roslyn.Testing.Analyzers;

/// <summary>
/// .editorconfig-style options from key/value pairs, the same for every file (like a <c>[*.cs]</c>
/// section): what analyzers read through <c>AnalyzerOptions.AnalyzerConfigOptionsProvider</c>.
/// </summary>
public sealed class DictionaryAnalyzerConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Options _options;

    /// <summary>Options from <paramref name="values"/> (keys are case-insensitive, as in .editorconfig).</summary>
    public DictionaryAnalyzerConfigOptionsProvider(IEnumerable<KeyValuePair<string, string>> values) =>
        _options = new Options(values.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    /// <summary>
    /// The severities that <c>dotnet_diagnostic.ID.severity</c> entries set; the compiler applies those
    /// through the compilation options, not through the provider.
    /// </summary>
    public static ImmutableDictionary<string, ReportDiagnostic> Severities(IEnumerable<KeyValuePair<string, string>> values)
    {
        var severities = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
        foreach (var (key, value) in values)
        {
            string[] parts = key.Trim().Split('.');
            if (parts.Length == 3 && parts[0] == "dotnet_diagnostic" && parts[2].Equals("severity", StringComparison.OrdinalIgnoreCase))
            {
                severities[parts[1]] = value.Trim().ToLowerInvariant() switch
                {
                    "none" => ReportDiagnostic.Suppress,
                    "silent" or "refactoring" => ReportDiagnostic.Hidden,
                    "suggestion" => ReportDiagnostic.Info,
                    "warning" => ReportDiagnostic.Warn,
                    "error" => ReportDiagnostic.Error,
                    "default" => ReportDiagnostic.Default,
                    _ => throw new ArgumentException($"'{value}' is not a severity ({key})."),
                };
            }
        }

        return severities.ToImmutable();
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override IEnumerable<string> Keys => values.Keys;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
