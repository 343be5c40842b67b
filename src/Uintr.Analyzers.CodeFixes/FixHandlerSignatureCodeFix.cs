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
/// UINTR001, the mechanical parts: adds <c>static</c>, changes the return type to <c>void</c> (a returned value is
/// dropped), removes <c>async</c> when the body has no <c>await</c>. Generic handlers and wrong parameters are left to the author.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixHandlerSignatureCodeFix)), Shared]
public sealed class FixHandlerSignatureCodeFix : DocumentCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.InvalidHandlerSignature);

    /// <inheritdoc />
    protected override string Title => "Make the handler 'static void'";

    /// <inheritdoc />
    protected override bool CanFix(SyntaxNode root, TextSpan span) =>
        MethodAt(root, span) is { } method && !Rewrite(method).IsEquivalentTo(method);

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var method = MethodAt(root, span)!;
        return document.WithSyntaxRoot(root.ReplaceNode(method, Rewrite(method)));
    }

    private static MethodDeclarationSyntax? MethodAt(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent as MethodDeclarationSyntax;

    private static MethodDeclarationSyntax Rewrite(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers;
        bool hasAwait = method.DescendantNodes().Any(n => n is AwaitExpressionSyntax);
        int asyncIndex = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
        if (asyncIndex >= 0 && !hasAwait)
        {
            modifiers = modifiers.RemoveAt(asyncIndex);
        }

        if (!modifiers.Any(SyntaxKind.StaticKeyword))
        {
            var staticKeyword = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            int accessibility = -1;
            for (int i = 0; i < modifiers.Count; i++)
            {
                if (modifiers[i].Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword)
                {
                    accessibility = i;
                }
            }

            modifiers = modifiers.Insert(accessibility + 1, staticKeyword);
        }

        var rewritten = method;
        if (method.Modifiers.Count == 0 && modifiers.Count > 0)
        {
            // The leading trivia (indentation) moves from the return type to the first modifier.
            modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(method.ReturnType.GetLeadingTrivia()));
            rewritten = rewritten.WithReturnType(rewritten.ReturnType.WithoutLeadingTrivia());
        }
        else if (method.Modifiers.Count > 0 && modifiers.Count > 0 && modifiers[0] != method.Modifiers[0])
        {
            modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(method.Modifiers[0].LeadingTrivia));
        }

        rewritten = rewritten.WithModifiers(modifiers);
        bool isVoid = rewritten.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
        bool asyncKept = modifiers.Any(SyntaxKind.AsyncKeyword);
        if (!isVoid && !asyncKept)
        {
            rewritten = DropReturnValues(rewritten).WithReturnType(
                SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(rewritten.ReturnType));
        }

        return rewritten;
    }

    // 'return x;' becomes 'return;'; an expression body that is not a statement expression becomes an empty block.
    private static MethodDeclarationSyntax DropReturnValues(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow && !IsStatementExpression(arrow.Expression))
        {
            return method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(SyntaxFactory.Block().WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
        }

        var returns = method.Body?.DescendantNodes().OfType<ReturnStatementSyntax>().Where(r => r.Expression is not null
            && r.FirstAncestorOrSelf<SyntaxNode>(n => n is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) is null).ToList();
        return returns is { Count: > 0 }
            ? method.ReplaceNodes(returns, (_, r) => r.WithExpression(null).WithReturnKeyword(r.ReturnKeyword.WithTrailingTrivia()))
            : method;
    }

    private static bool IsStatementExpression(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax
            or ObjectCreationExpressionSyntax or AwaitExpressionSyntax;
}
