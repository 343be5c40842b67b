using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Uintr.Analyzers.Flow;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// UINTR020-022: an owned UintrFd (<c>Duplicate()</c>), UintrSender (<c>RegisterSender</c>) or UintrReceiver
/// (<c>RegisterUserInterrupts</c>) must be disposed on every path or handed to an owner. Dataflow over the
/// control-flow graph, so branches, early returns, null checks and using/finally are followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DisposalAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.FdNotDisposed,
        DiagnosticDescriptors.SenderNotDisposed,
        DiagnosticDescriptors.ReceiverNotDisposed,
        DiagnosticDescriptors.UnbalancedClui);

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
            CallingBodies.Register(start, owned.MayCreate, (context, body) => AnalyzeBody(context, body, symbols, owned));
        });
    }

    private static void AnalyzeBody(SyntaxNodeAnalysisContext context, SyntaxNode body, UintrSymbols symbols, OwnedResources owned)
    {
        if (CodeBlocks.GraphOf(body, context.SemanticModel, context.CancellationToken) is not { } graph)
        {
            return;
        }

        var escaped = LocalsUsedInNestedFunctions(graph.OriginalOperation);
        var leaks = new HashSet<IInvocationOperation>();
        Analyze(graph, symbols, owned, escaped, leaks, context.CancellationToken);
        foreach (var creation in leaks.OrderBy(c => c.Syntax.SpanStart))
        {
            var rule = owned.LeakRuleOf(creation)!;
            // An undisposed Mask() scope is UINTR023, whose message names the method it stays masked out of.
            string argument = rule == DiagnosticDescriptors.UnbalancedClui ? CodeBlocks.OwnerName(body, context.SemanticModel, context.CancellationToken) : creation.TargetMethod.Name;
            context.ReportDiagnostic(Diagnostic.Create(rule, creation.Syntax.GetLocation(), argument));
        }
    }

    private static void Analyze(ControlFlowGraph graph, UintrSymbols symbols, OwnedResources owned, ImmutableHashSet<ILocalSymbol> escaped, HashSet<IInvocationOperation> leaks, CancellationToken cancellationToken)
    {
        foreach (var body in CodeBlocks.WithNestedFunctions(graph, cancellationToken))
        {
            var analysis = new DisposalFlowAnalysis(body, symbols, owned, escaped, cancellationToken);
            analysis.Run();
            leaks.UnionWith(analysis.Leaks);
        }
    }

    // Locals read or written inside a lambda or local function are shared with code that runs elsewhere: not tracked.
    private static ImmutableHashSet<ILocalSymbol> LocalsUsedInNestedFunctions(IOperation block)
    {
        var escaped = ImmutableHashSet.CreateBuilder<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in block.DescendantsAndSelf())
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                foreach (var inner in operation.Descendants())
                {
                    if (inner is ILocalReferenceOperation local && !DeclaredWithin(local.Local, operation.Syntax.Span))
                    {
                        escaped.Add(local.Local);
                    }
                }
            }
        }

        return escaped.ToImmutable();
    }

    private static bool DeclaredWithin(ISymbol symbol, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && span.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        return false;
    }
}
