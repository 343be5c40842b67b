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

/// <summary>UINTR020-022: turns <c>var x = fd.Duplicate();</c> into <c>using var x = fd.Duplicate();</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IntroduceUsingCodeFix)), Shared]
public sealed class IntroduceUsingCodeFix : DocumentCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FdNotDisposed, RuleIds.SenderNotDisposed, RuleIds.ReceiverNotDisposed);

    /// <inheritdoc />
    protected override string Title => "Introduce a 'using' declaration";

    /// <inheritdoc />
    protected override bool CanFix(SyntaxNode root, TextSpan span) => DeclarationOf(root, span) is not null;

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var declaration = DeclarationOf(root, span)!;
        var usingKeyword = SyntaxFactory.Token(declaration.GetLeadingTrivia(), SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var rewritten = declaration.WithoutLeadingTrivia().WithUsingKeyword(usingKeyword);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, rewritten));
    }

    // The local declaration whose single initializer is the reported creation, in a block where a using declaration is legal.
    private static LocalDeclarationStatementSyntax? DeclarationOf(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } declarator }
            && statement.UsingKeyword.IsKind(SyntaxKind.None)
            && statement.Parent is BlockSyntax or GlobalStatementSyntax
            && !IsWrittenLater(statement.Parent, declarator.Identifier.ValueText))
        {
            return statement;
        }

        return null;
    }

    // A using variable is read-only: no fix when the local is assigned again or passed by ref/out.
    private static bool IsWrittenLater(SyntaxNode scope, string name)
    {
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name)
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: not (int)SyntaxKind.SuppressNullableWarningExpression }:
                    return true;
            }
        }

        return false;
    }
}
