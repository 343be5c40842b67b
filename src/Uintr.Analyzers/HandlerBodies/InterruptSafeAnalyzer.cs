using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// UINTR015: the handler rules trust an <c>[InterruptSafe]</c> method without analysing it. When the method's own body
/// (not its callees: vouching for those is what the attribute is for) blocks, throws out, allocates or re-enables
/// interrupts, the promise is visibly wrong; reported at the attribute, once per method, with the first problem.
/// Unknown calls (UINTR013) are not reported: trusting them is the attribute's purpose.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InterruptSafeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InterruptSafeViolated);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.InterruptSafeAttribute is null)
            {
                return;
            }

            var session = InterruptSafetySession.For(start.Compilation, symbols);
            start.RegisterSemanticModelAction(file => AnalyzeTree(file, session));
        });
    }

    // Once per file (see MemberDeclarations): one walk over the file's members instead of a dispatch per method.
    private static void AnalyzeTree(SemanticModelAnalysisContext context, InterruptSafetySession session)
    {
        foreach (var declaration in MemberDeclarations.AttributedMethodsIn(context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken)))
        {
            AnalyzeMethod(context, declaration, session);
        }
    }

    private static void AnalyzeMethod(SemanticModelAnalysisContext context, MethodDeclarationSyntax declaration, InterruptSafetySession session)
    {
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
            || AttributeOf(method, session.Symbols) is not { } attribute
            || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { } attributeSyntax
            || context.SemanticModel.GetOperation(declaration, context.CancellationToken) is not { } body)
        {
            return;
        }

        var callers = ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default, method);
        foreach (var finding in session.AnalyzeBody(body, callers, depth: InterruptSafetySession.MaxDepth, context.CancellationToken).Findings)
        {
            if (!finding.Via.IsEmpty || finding.Rule.Id == RuleIds.HandlerCallsUnknownCode || finding.ConstrainedCall is not null)
            {
                continue;
            }

            string what = finding.Rule.Id switch
            {
                RuleIds.HandlerBlocks => "blocks: ",
                RuleIds.HandlerThrows => "can throw out: ",
                RuleIds.HandlerAllocates => "allocates: ",
                _ => "re-enables user interrupts: ",
            };
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InterruptSafeViolated, attributeSyntax.GetLocation(), method.Name, what + finding.What));
            return;
        }
    }

    private static AttributeData? AttributeOf(IMethodSymbol method, UintrSymbols symbols)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.InterruptSafeAttribute))
            {
                return attribute;
            }
        }

        return null;
    }
}
