using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// UINTR026 and UINTR027, about instance fields of type UintrFd, UintrSender or UintrReceiver that the type assigns
/// from a creating call (<c>_sender = platform.RegisterSender(fd)</c>) in an IDisposable type: the type owns them, so its <c>Dispose</c>
/// must mention the field (UINTR026), and a method other than a constructor that assigns a new object must first
/// deal with the old one - dispose it, test it, or use <c>??=</c> (UINTR027). Syntactic and per type: cheap, and
/// silent whenever the field is mentioned at all, so it errs on the quiet side.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OwnedFieldAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> OwnedTypeNames = ImmutableHashSet.Create("UintrFd", "UintrSender", "UintrReceiver");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.OwnedFieldNotDisposed,
        DiagnosticDescriptors.OwnedFieldOverwritten);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = UintrSymbols.TryCreate(start.Compilation);
            if (symbols?.UintrFd is null)
            {
                return;
            }

            var owned = OwnedResources.For(start.Compilation, symbols);
            start.RegisterSyntaxNodeAction(c => AnalyzeType(c, symbols, owned), SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.RecordDeclaration);
        });
    }

    private static void AnalyzeType(SyntaxNodeAnalysisContext context, UintrSymbols symbols, OwnedResources owned)
    {
        var type = (TypeDeclarationSyntax)context.Node;
        var fields = new Dictionary<string, VariableDeclaratorSyntax>();
        foreach (var field in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (!field.Modifiers.Any(SyntaxKind.StaticKeyword) && OwnedTypeNames.Contains(LastName(field.Declaration.Type) ?? string.Empty))
            {
                foreach (var variable in field.Declaration.Variables)
                {
                    fields[variable.Identifier.ValueText] = variable;
                }
            }
        }

        // In a type that is not IDisposable the store is no transfer at all: UINTR020-022 report the creation.
        if (fields.Count == 0 || context.SemanticModel.GetDeclaredSymbol(type, context.CancellationToken) is not { } typeSymbol || !symbols.IsDisposable(typeSymbol))
        {
            return;
        }

        var ownedFields = new HashSet<string>();
        foreach (var member in type.Members)
        {
            foreach (var assignment in member.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && FieldName(assignment.Left) is { } name && fields.ContainsKey(name)
                    && IsCreation(assignment.Right, context.SemanticModel, owned, context.CancellationToken))
                {
                    ownedFields.Add(name);
                    if (member is not ConstructorDeclarationSyntax && !MentionsOtherwise(member, name, assignment))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OwnedFieldOverwritten, assignment.GetLocation(), name));
                    }
                }
            }
        }

        if (ownedFields.Count == 0)
        {
            return;
        }

        var disposeBodies = type.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText is "Dispose" or "DisposeAsync").ToList();
        if (disposeBodies.Count == 0)
        {
            return; // inherited Dispose: the base class's business
        }

        foreach (string name in ownedFields.OrderBy(n => n, System.StringComparer.Ordinal))
        {
            if (!disposeBodies.Any(m => m.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OwnedFieldNotDisposed, fields[name].Identifier.GetLocation(), typeSymbol.Name, name));
            }
        }
    }

    // Only the call is bound, in the scope where it stands (speculative binding: the same overload resolution), not the
    // whole member: this action runs on the type declaration, whose semantic model has not bound the member's body, and
    // binding it here (nullable analysis included) cost more than the rest of the rule.
    private static bool IsCreation(ExpressionSyntax value, SemanticModel model, OwnedResources owned, CancellationToken cancellationToken)
    {
        if (value is not InvocationExpressionSyntax invocation)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return model.GetSpeculativeSymbolInfo(invocation.SpanStart, invocation, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol method
            && owned.LeakRuleOf(method.ReducedFrom ?? method) is { } rule && rule != DiagnosticDescriptors.UnbalancedClui;
    }

    // The field is read, tested or disposed elsewhere in the member: the old value is taken care of (or deliberately kept).
    private static bool MentionsOtherwise(MemberDeclarationSyntax member, string name, AssignmentExpressionSyntax assignment) =>
        member.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name && !assignment.Left.Span.Contains(i.Span));

    private static string? FieldName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    private static string? LastName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => LastName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
