using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// UINTR010-014: a handler runs at a safe point of the receiving thread while further interrupts wait, so its body
/// (and, transitively, every source method it calls) must not block, throw out, allocate, call unknown code or
/// re-enable user interrupts. Problems in callees are reported at the call in the handler, with the call chain.
/// UINTR016 says where a chain reached the depth limit (<see cref="InterruptSafetySession.MaxDepth"/>) and was cut.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerBodyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.HandlerBlocks,
        DiagnosticDescriptors.HandlerThrows,
        DiagnosticDescriptors.HandlerAllocates,
        DiagnosticDescriptors.HandlerCallsUnknownCode,
        DiagnosticDescriptors.HandlerReenablesInterrupts,
        DiagnosticDescriptors.HandlerAnalysisCut);

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

            var session = InterruptSafetySession.For(start.Compilation, symbols);
            start.RegisterSemanticModelAction(file => AnalyzeTree(file, session));
        });
    }

    // The handlers of a file are analysed once the compiler has finished the file (see MemberDeclarations), not each at
    // its own declaration: at the handler's declaration a helper declared below it is not compiled yet, and binding it
    // there, with nullable analysis, cost more than all the rest of the rules together (see
    // benchmarks/Uintr.Analyzers.Benchmarks/README.md). Once the file is finished, following a call into a helper of
    // the file costs no binding.
    private static void AnalyzeTree(SemanticModelAnalysisContext context, InterruptSafetySession session)
    {
        foreach (var member in MemberDeclarations.In(context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken)))
        {
            // A partial method's attributes may all sit on its other part; a declaration without a body has nothing to analyse.
            if (member is MethodDeclarationSyntax declaration
                && (declaration.AttributeLists.Count > 0 || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                && context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is { } method
                && session.Symbols.IsHandler(method.PartialDefinitionPart ?? method))
            {
                AnalyzeHandler(context, declaration, method, session);
            }
        }
    }

    private static void AnalyzeHandler(SemanticModelAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method, InterruptSafetySession session)
    {
        if (context.SemanticModel.GetOperation(declaration, context.CancellationToken) is not { } body)
        {
            return;
        }

        var callers = ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default, method);
        var walker = session.AnalyzeBody(body, callers, depth: 0, context.CancellationToken);
        foreach (var finding in walker.Findings)
        {
            context.ReportDiagnostic(Diagnostic.Create(finding.Rule, finding.Location, method.Name, finding.Describe(method.Name)));
        }

        // Once per handler, at the call where the first cut chain starts: what lies past it was not analysed.
        if (walker.CutChain is { } chain && walker.CutAt is { } at)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HandlerAnalysisCut, at, method.Name, InterruptSafetySession.MaxDepth, method.Name + " -> " + string.Join(" -> ", chain), chain[chain.Length - 1]));
        }
    }
}
