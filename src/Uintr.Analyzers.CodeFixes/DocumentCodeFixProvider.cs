using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Analyzers.CodeFixes;

/// <summary>
/// A code fix that rewrites one document per diagnostic. Fix-all applies the diagnostics of a document from the
/// last to the first, so each rewrite leaves the spans of the earlier ones untouched.
/// </summary>
public abstract class DocumentCodeFixProvider : CodeFixProvider
{
    /// <summary>The title of the code action (also its equivalence key).</summary>
    protected abstract string Title { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (CanFix(root, diagnostic.Location.SourceSpan))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    /// <summary>Whether the diagnostic at <paramref name="span"/> has a mechanical fix.</summary>
    protected abstract bool CanFix(SyntaxNode root, TextSpan span);

    /// <summary>Fixes the diagnostic at <paramref name="span"/>.</summary>
    protected abstract Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken);

    /// <summary>Fixes every diagnostic of one document.</summary>
    protected virtual async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is not null && CanFix(root, diagnostic.Location.SourceSpan))
            {
                document = await FixAsync(document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            }
        }

        return document;
    }
}
