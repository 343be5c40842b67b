using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Analyzers.CodeFixes;

/// <summary>UINTR004: adds <c>partial</c> to the reported type and to every type around it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeReceiverPartialCodeFix)), Shared]
public sealed class MakeReceiverPartialCodeFix : DocumentCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReceiverTypeNotPartial);

    /// <inheritdoc />
    protected override string Title => "Make the type chain partial";

    /// <inheritdoc />
    protected override bool CanFix(SyntaxNode root, TextSpan span) => TypeAt(root, span) is not null;

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(MakePartial(root, Chain(TypeAt(root, span)!)));
    }

    /// <inheritdoc />
    protected override async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        // One rewrite for all: the chains overlap (a containing type is in several), so sequential edits would move spans.
        var root = (await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        var types = diagnostics.Select(d => TypeAt(root, d.Location.SourceSpan)).Where(t => t is not null).SelectMany(t => Chain(t!));
        return document.WithSyntaxRoot(MakePartial(root, types));
    }

    private static TypeDeclarationSyntax? TypeAt(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent as TypeDeclarationSyntax;

    // The reported type, the types around it, and the nested types on the way down to the receivers it contains.
    private static IEnumerable<TypeDeclarationSyntax> Chain(TypeDeclarationSyntax type)
    {
        var receivers = type.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(DeclaresHandlers);
        var downward = receivers.SelectMany(r => r.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().TakeWhile(t => t != type));
        return type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Concat(downward).Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
    }

    private static bool DeclaresHandlers(TypeDeclarationSyntax type) =>
        type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("UserInterruptHandler", System.StringComparison.Ordinal) || a.Name.ToString().EndsWith("UserInterruptHandlerAttribute", System.StringComparison.Ordinal)));

    private static SyntaxNode MakePartial(SyntaxNode root, IEnumerable<TypeDeclarationSyntax> types) =>
        root.ReplaceNodes(types.Distinct(), (original, rewritten) =>
        {
            // 'partial' goes last among the modifiers, right before the keyword; the keyword's leading trivia stays in front.
            if (rewritten.Modifiers.Count == 0)
            {
                var partial = SyntaxFactory.Token(rewritten.Keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return rewritten.WithKeyword(rewritten.Keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            return rewritten.WithModifiers(rewritten.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        });
}
