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
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.UintrFd is null)
            {
                return;
            }

            var owned = OwnedResources.For(start.Compilation, symbols);
            start.RegisterSemanticModelAction(file => AnalyzeFile(file, symbols, owned));
        });
    }

    // Once per file (see MemberDeclarations): the file's bodies are compiled by then, so binding a call costs no binding.
    private static void AnalyzeFile(SemanticModelAnalysisContext context, UintrSymbols symbols, OwnedResources owned)
    {
        foreach (var member in MemberDeclarations.In(context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken)))
        {
            // Classes, structs and records (of either kind): an interface has no instance fields to own.
            if (member is TypeDeclarationSyntax type and not InterfaceDeclarationSyntax)
            {
                AnalyzeType(context, type, symbols, owned);
            }
        }
    }

    private static void AnalyzeType(SemanticModelAnalysisContext context, TypeDeclarationSyntax type, UintrSymbols symbols, OwnedResources owned)
    {
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

        // Binding a call is the costly part, so it is done only where its answer can lead to a report: an assignment
        // outside a constructor that nothing else in its member deals with (UINTR027), or one to a field that no Dispose
        // mentions (UINTR026). Both conditions are syntactic; the results are those of binding every such assignment.
        var disposeBodies = type.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText is "Dispose" or "DisposeAsync").ToList();
        var forgotten = new HashSet<string>(System.StringComparer.Ordinal);
        if (disposeBodies.Count > 0)
        {
            // Without a Dispose of its own (inherited), disposing the fields is the base class's business.
            forgotten.UnionWith(fields.Keys);
            foreach (var dispose in disposeBodies)
            {
                foreach (var identifier in dispose.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    forgotten.Remove(identifier.Identifier.ValueText);
                }
            }
        }

        var ownedForgotten = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            foreach (var assignment in member.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || FieldName(assignment.Left) is not { } name || !fields.ContainsKey(name))
                {
                    continue;
                }

                bool overwrites = member is not ConstructorDeclarationSyntax && !MentionsOtherwise(member, name, assignment);
                bool mayBeForgotten = forgotten.Contains(name) && !ownedForgotten.Contains(name);
                if ((overwrites || mayBeForgotten) && IsCreation(assignment.Right, context.SemanticModel, owned, context.CancellationToken))
                {
                    if (mayBeForgotten)
                    {
                        ownedForgotten.Add(name);
                    }

                    if (overwrites)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OwnedFieldOverwritten, assignment.GetLocation(), name));
                    }
                }
            }
        }

        foreach (string name in ownedForgotten.OrderBy(n => n, System.StringComparer.Ordinal))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OwnedFieldNotDisposed, fields[name].Identifier.GetLocation(), typeSymbol.Name, name));
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
