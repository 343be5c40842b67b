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

/// <summary>
/// UINTR023: rewrites <c>UserInterrupts.Clui(); ...; UserInterrupts.Stui();</c> in one block into
/// <c>using (UserInterrupts.Mask()) { ... }</c>; without a Stui in the block, the rest of the block goes in the scope.
/// Offered only when the statements in between do not mask or unmask themselves.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaskScopeCodeFix)), Shared]
public sealed class MaskScopeCodeFix : DocumentCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnbalancedClui);

    /// <inheritdoc />
    protected override string Title => "Use 'using (UserInterrupts.Mask())'";

    /// <inheritdoc />
    protected override bool CanFix(SyntaxNode root, TextSpan span) => Plan(root, span) is not null;

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var (block, clui, first, stui, access) = Plan(root, span)!.Value;
        var statements = block.Statements;
        int end = stui is null ? statements.Count : statements.IndexOf(stui);
        var inner = statements.Skip(first).Take(end - first).ToList();

        var mask = access.WithName(SyntaxFactory.IdentifierName("Mask"));
        var scope = SyntaxFactory.UsingStatement(
                declaration: null,
                expression: SyntaxFactory.InvocationExpression(mask),
                statement: SyntaxFactory.Block(inner))
            .WithLeadingTrivia(clui.GetLeadingTrivia())
            .WithTrailingTrivia(stui?.GetTrailingTrivia() ?? inner.LastOrDefault()?.GetTrailingTrivia() ?? clui.GetTrailingTrivia())
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

        int start = statements.IndexOf(clui);
        int stop = stui is null ? statements.Count : end + 1;
        var rewritten = statements.Take(start).Append(scope).Concat(statements.Skip(stop));
        var newRoot = root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(rewritten)));
        var formatted = Microsoft.CodeAnalysis.Formatting.Formatter.Format(newRoot, Microsoft.CodeAnalysis.Formatting.Formatter.Annotation, document.Project.Solution.Workspace, cancellationToken: cancellationToken);
        return document.WithSyntaxRoot(formatted);
    }

    private static (BlockSyntax Block, StatementSyntax Clui, int First, StatementSyntax? Stui, MemberAccessExpressionSyntax Access)? Plan(SyntaxNode root, TextSpan span)
    {
        if (root.FindNode(span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
            || invocation.Parent is not ExpressionStatementSyntax cluiStatement
            || cluiStatement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var statements = block.Statements;
        int first = statements.IndexOf(cluiStatement) + 1;
        StatementSyntax? stui = statements.Skip(first).FirstOrDefault(s => IsCall(s, "Stui"));
        int end = stui is null ? statements.Count : statements.IndexOf(stui);
        var inner = statements.Skip(first).Take(end - first);
        if (inner.Any(s => s.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Clui" or "Stui" })))
        {
            return null;
        }

        return (block, cluiStatement, first, stui, access);
    }

    private static bool IsCall(StatementSyntax statement, string name) =>
        statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } }
        && access.Name.Identifier.ValueText == name;
}
