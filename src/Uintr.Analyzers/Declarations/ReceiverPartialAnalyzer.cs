using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Declarations;

/// <summary>
/// UINTR004: the generator adds members to the receiver type, so it and every containing type must be
/// partial. Each non-partial type of a chain is reported once, at its type keyword.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceiverPartialAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ReceiverTypeNotPartial);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.HandlerAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(c => AnalyzeType(c, symbols), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, UintrSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        bool isReceiver = DeclaresHandlers(type, symbols);
        if (!isReceiver && !ContainsReceiver(type, symbols))
        {
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return;
            }
        }

        string why = isReceiver ? "declares user-interrupt handlers" : "contains a type that declares user-interrupt handlers";
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReceiverTypeNotPartial, declaration.Keyword.GetLocation(), type.Name, why));
            }
        }
    }

    private static bool DeclaresHandlers(INamedTypeSymbol type, UintrSymbols symbols)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && symbols.IsHandler(method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsReceiver(INamedTypeSymbol type, UintrSymbols symbols)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (DeclaresHandlers(nested, symbols) || ContainsReceiver(nested, symbols))
            {
                return true;
            }
        }

        return false;
    }
}
