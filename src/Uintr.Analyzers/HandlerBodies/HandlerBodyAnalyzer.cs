using System.Collections.Generic;
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
            start.RegisterSymbolStartAction(type => CollectHandlers(type, session), SymbolKind.NamedType);
        });
    }

    // The handlers of a receiver type are analysed at the end of the type, not each at its own declaration: by then the
    // compiler has bound every member of the type (the helpers a handler calls usually live there) and handed its bound
    // trees to the analyzers' semantic model, so following a call into a helper costs no binding. At the handler's own
    // declaration a helper declared below it is not compiled yet, and binding it there, with nullable analysis, cost
    // more than all the rest of the rules together (see benchmarks/Uintr.Analyzers.Benchmarks/README.md). Only the
    // type's own handlers (a nested type is a symbol of its own), each at a declaration with attributes and a body.
    private static void CollectHandlers(SymbolStartAnalysisContext context, InterruptSafetySession session)
    {
        if (HandlersOf((INamedTypeSymbol)context.Symbol, session.Symbols) is not { } handlers)
        {
            return;
        }

        context.RegisterSymbolEndAction(end =>
        {
            var analysed = new HashSet<SyntaxNode>();
            foreach (var handler in handlers)
            {
                foreach (var part in new[] { handler, handler.PartialImplementationPart })
                {
                    foreach (var reference in part?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
                    {
                        if (reference.GetSyntax(end.CancellationToken) is MethodDeclarationSyntax { AttributeLists.Count: > 0 } declaration && analysed.Add(declaration))
                        {
                            AnalyzeHandler(end, declaration, part!, session.ModelOf(declaration.SyntaxTree), session);
                        }
                    }
                }
            }
        });
    }

    // Null for a type without handlers, the usual case: every type of the compilation passes here, and allocates nothing.
    private static List<IMethodSymbol>? HandlersOf(INamedTypeSymbol type, UintrSymbols symbols)
    {
        List<IMethodSymbol>? handlers = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && symbols.IsHandler(method))
            {
                (handlers ??= new List<IMethodSymbol>()).Add(method);
            }
        }

        return handlers;
    }

    private static void AnalyzeHandler(SymbolAnalysisContext context, MethodDeclarationSyntax declaration, IMethodSymbol method, SemanticModel model, InterruptSafetySession session)
    {
        if (model.GetOperation(declaration, context.CancellationToken) is not { } body)
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
