using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Uintr.Roslyn.Testing.Analyzers;
using Uintr.Roslyn.Testing.Markup;
using Xunit;

namespace Uintr.Roslyn.Testing.CodeFixes;

/// <summary>
/// One code-fix test on an <see cref="AdhocWorkspace"/>, shaped like Microsoft.CodeAnalysis.Testing's: the markup
/// source must produce exactly its marked diagnostics; then either the first diagnostic is fixed once
/// (<see cref="CodeFixMode.Single"/>) or the provider's fix-all runs over the document (<see cref="CodeFixMode.FixAll"/>);
/// the result must equal <see cref="FixedSource"/> and compile without errors.
/// </summary>
public sealed class CodeFixTest
{
    /// <summary>The markup source (<c>[|...|]</c> and <c>{|ID:...|}</c> mark the expected diagnostics).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The expected source after the fix.</summary>
    public string FixedSource { get; set; } = string.Empty;

    /// <summary>The analyzer that reports the diagnostics.</summary>
    public DiagnosticAnalyzer? Analyzer { get; set; }

    /// <summary>The provider under test.</summary>
    public CodeFixProvider? CodeFix { get; set; }

    /// <summary>Fix one diagnostic, or all of them.</summary>
    public CodeFixMode Mode { get; set; } = CodeFixMode.Single;

    /// <summary>The id of <c>[|...|]</c> when the analyzer supports several.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Diagnostics the fixed source may still have (by id), e.g. a problem the fix leaves to the author.</summary>
    public List<string> RemainingDiagnosticIds { get; } = new();

    /// <summary>Runs the test.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var analyzer = Analyzer ?? throw new InvalidOperationException("Set Analyzer.");
        var codeFix = CodeFix ?? throw new InvalidOperationException("Set CodeFix.");
        var markup = MarkupParser.Parse(Source);

        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, markup.Text);
        var diagnostics = await FixableDiagnosticsAsync(document, analyzer, codeFix, cancellationToken);

        var expected = markup.Spans.Select(s => (Id: s.Id ?? DefaultDiagnosticId ?? analyzer.SupportedDiagnostics.Single().Id, s.Span)).OrderBy(e => e.Span.Start).ToList();
        var actual = diagnostics.Select(d => (d.Id, Span: d.Location.SourceSpan)).OrderBy(e => e.Span.Start).ToList();
        Assert.True(expected.SequenceEqual(actual), "The source's diagnostics differ from its markup:\n" + DiagnosticComparer.Describe(diagnostics));
        Assert.NotEmpty(diagnostics);

        var action = Mode == CodeFixMode.Single
            ? await SingleActionAsync(document, codeFix, diagnostics[0], cancellationToken)
            : await FixAllActionAsync(document, codeFix, diagnostics, cancellationToken);
        Assert.True(action is not null, "The code fix offered no action.");

        var fixedDocument = await ApplyAsync(document, action!, cancellationToken);
        string fixedText = (await fixedDocument.GetTextAsync(cancellationToken)).ToString();
        Assert.Equal(Normalize(FixedSource), Normalize(fixedText));

        var compilation = (await fixedDocument.Project.GetCompilationAsync(cancellationToken))!;
        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The fixed source does not compile:\n" + DiagnosticComparer.Describe(errors));

        var remaining = await FixableDiagnosticsAsync(fixedDocument, analyzer, codeFix, cancellationToken);
        var unexpected = remaining.Where(d => !RemainingDiagnosticIds.Contains(d.Id)).ToList();
        if (Mode == CodeFixMode.FixAll || diagnostics.Length == 1)
        {
            Assert.True(unexpected.Count == 0, "Diagnostics left after the fix:\n" + DiagnosticComparer.Describe(unexpected));
        }
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string text)
    {
        var options = TestCompilationOptions.Default;
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                options.AssemblyName,
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: options.Nullable, allowUnsafe: true),
                parseOptions: options.ParseOptions,
                metadataReferences: options.References));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test0.cs", SourceText.From(text), filePath: TestCompilation.SourcePath(0));
        return solution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer, CodeFixProvider codeFix, CancellationToken cancellationToken)
    {
        var compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync(cancellationToken);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => codeFix.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<CodeAction?> SingleActionAsync(Document document, CodeFixProvider codeFix, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await codeFix.RegisterCodeFixesAsync(context);
        return actions.FirstOrDefault();
    }

    private static async Task<CodeAction?> FixAllActionAsync(Document document, CodeFixProvider codeFix, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var first = await SingleActionAsync(document, codeFix, diagnostics[0], cancellationToken);
        var fixAll = codeFix.GetFixAllProvider();
        if (first is null || fixAll is null)
        {
            return null;
        }

        var provider = new FixedDiagnosticProvider(diagnostics);
        var context = new FixAllContext(document, codeFix, FixAllScope.Document, first.EquivalenceKey, diagnostics.Select(d => d.Id).Distinct(), provider, cancellationToken);
        return await fixAll.GetFixAsync(context);
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    // Fix-all asks for the diagnostics of the scope; they are the ones already computed.
    private sealed class FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
