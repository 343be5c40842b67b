using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests.Corpus;

/// <summary>
/// A consumer-style corpus (Corpus/Sources/*.cs.txt): realistic handlers and ownership scenarios, each marked with a
/// <c>// scenario:</c> line, every expected diagnostic marked <c>{|UINTRnnn:...|}</c>, everything else expected silent.
/// All analyzers run over each file; a diagnostic matches an expectation with the same id and span. Precision and
/// recall must each be at least 95 %, and docs/rules/README.md must state the figures this run computes.
/// </summary>
public sealed class CorpusTests
{
    private const double Required = 0.95;

    [Fact]
    public async Task PrecisionAndRecallAreAtLeast95Percent()
    {
        var result = await RunAsync();
        Assert.True(result.Scenarios >= 100, $"The corpus has {result.Scenarios} scenarios; at least 100 are required.");
        Assert.True(result.Precision >= Required && result.Recall >= Required,
            $"precision {result.Precision:P1}, recall {result.Recall:P1}\nfalse alarms:\n{string.Join("\n", result.FalseAlarms)}\nmissed:\n{string.Join("\n", result.Missed)}");
    }

    [Fact]
    public async Task TheRulesIndexStatesTheseFigures()
    {
        var result = await RunAsync();
        string index = File.ReadAllText(Path.Combine(AllAnalyzers.RepositoryRoot, "docs", "rules", "README.md"));
        Assert.True(index.Contains(result.Summary, StringComparison.Ordinal), "docs/rules/README.md must state: " + result.Summary
            + "\nfalse alarms:\n" + string.Join("\n", result.FalseAlarms) + "\nmissed:\n" + string.Join("\n", result.Missed));
    }

    [Fact]
    public async Task TheCorpusCompilesWithoutErrors()
    {
        foreach (var (name, compilation, _) in Compilations())
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + ":\n" + DiagnosticText.Describe(errors));
        }

        await Task.CompletedTask;
    }

    private sealed record Result(int Scenarios, int Expected, int TruePositives, List<string> FalseAlarms, List<string> Missed)
    {
        public double Precision => TruePositives + FalseAlarms.Count == 0 ? 1 : (double)TruePositives / (TruePositives + FalseAlarms.Count);

        public double Recall => Expected == 0 ? 1 : (double)TruePositives / Expected;

        public string Summary => FormattableString.Invariant(
            $"{Scenarios} scenarios, {Expected} expected diagnostics: {TruePositives} found, {FalseAlarms.Count} false alarms, {Missed.Count} missed; precision {Precision * 100:F1} %, recall {Recall * 100:F1} %");
    }

    private static async Task<Result> RunAsync()
    {
        int scenarios = 0, expectedCount = 0, truePositives = 0;
        var falseAlarms = new List<string>();
        var missed = new List<string>();
        foreach (var (name, compilation, expected) in Compilations())
        {
            scenarios += Regex.Matches(compilation.SyntaxTrees.First().ToString(), @"^\s*// scenario:", RegexOptions.Multiline).Count;
            var actual = await compilation.WithAnalyzers(AllAnalyzers.Create()).GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(actual, d => d.Id == "AD0001");

            var remaining = expected.ToList();
            expectedCount += remaining.Count;
            foreach (var diagnostic in actual.Where(d => !d.IsSuppressed))
            {
                int match = remaining.FindIndex(e => e.Id == diagnostic.Id && e.Span == diagnostic.Location.SourceSpan && diagnostic.Location.SourceTree == compilation.SyntaxTrees.First());
                if (match >= 0)
                {
                    truePositives++;
                    remaining.RemoveAt(match);
                }
                else
                {
                    falseAlarms.Add(name + ": " + DiagnosticText.Describe(diagnostic));
                }
            }

            var text = compilation.SyntaxTrees.First().GetText();
            missed.AddRange(remaining.Select(e => $"{name}({text.Lines.GetLinePosition(e.Span.Start).Line + 1}): {e.Id} '{text.ToString(e.Span)}'"));
        }

        return new Result(scenarios, expectedCount, truePositives, falseAlarms, missed);
    }

    // One compilation per corpus file (plus its generated stub, if any); the first tree is the scenario file.
    private static IEnumerable<(string Name, Compilation Compilation, List<(string Id, TextSpan Span)> Expected)> Compilations()
    {
        string directory = Path.Combine(AllAnalyzers.RepositoryRoot, "tests", "Uintr.Analyzers.Tests", "Corpus", "Sources");
        var options = TestCompilationOptions.Default with { WarningsAsErrors = false, AssemblyName = "Corpus" };
        foreach (string path in Directory.GetFiles(directory, "*.cs.txt").Where(p => !p.EndsWith(".g.cs.txt", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path)[..^".txt".Length];
            TestFileMarkupParser.GetSpans(File.ReadAllText(path), out string source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
            var trees = new List<SyntaxTree> { TestCompilation.ParseSource(source, "/corpus/" + name, options) };
            string stub = path[..^".cs.txt".Length] + ".g.cs.txt";
            if (File.Exists(stub))
            {
                trees.Add(TestCompilation.ParseSource(File.ReadAllText(stub), "/corpus/" + Path.GetFileName(stub)[..^".txt".Length], options));
            }

            var expected = spans.SelectMany(pair => pair.Value.Select(span => (Id: pair.Key, Span: span))).ToList();
            Assert.DoesNotContain(expected, e => e.Id.Length == 0);
            yield return (name, TestCompilation.Create(trees, options), expected);
        }
    }
}
