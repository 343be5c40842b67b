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
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.UintrFd is null)
            {
                return;
            }

            var owned = OwnedResources.For(start.Compilation, symbols);
            CallingBodies.Register(start, owned.MayCreate, (context, body) => AnalyzeBody(context, body, symbols, owned));
        });
    }

    private static void AnalyzeBody(SemanticModelAnalysisContext context, SyntaxNode body, UintrSymbols symbols, OwnedResources owned)
    {
        if (OnlyStoredInOwners(context.SemanticModel.GetOperation(body, context.CancellationToken), symbols, owned)
            || CodeBlocks.GraphOf(body, context.SemanticModel, context.CancellationToken) is not { } graph)
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

    /// <summary>
    /// True when every creation in the body is a statement of its own that stores it straight into an owning field or
    /// property (<c>_sender = platform.RegisterSender(fd);</c> in a disposable type, as constructors do), with operands
    /// that have no control flow of their own. The graph keeps such a statement as it is, the flow analysis hands the
    /// object to its owner at once and tracks nothing, so it can report nothing: neither the graph nor the flow is built.
    /// </summary>
    private static bool OnlyStoredInOwners(IOperation? root, UintrSymbols symbols, OwnedResources owned)
    {
        if (root is null)
        {
            return false;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation creation || owned.LeakRuleOf(creation) is null)
            {
                continue;
            }

            var (parent, child) = FlowOperations.Context(creation);
            if (parent is not ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment || assignment.Value != child
                || assignment.Target is not (IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true })
                || !OwnershipTransfer.IsOwningStore(assignment.Target, symbols)
                || (creation.Instance is { } instance && !IsPlainValue(instance))
                || !creation.Arguments.All(argument => IsPlainValue(argument.Value)))
            {
                return false;
            }
        }

        return true;
    }

    // A value with no control flow and no call in it: the graph evaluates it in place.
    private static bool IsPlainValue(IOperation value) => FlowOperations.Unwrap(value) switch
    {
        ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or ILiteralOperation => true,
        IFieldReferenceOperation field => field.Instance is null || IsPlainValue(field.Instance),
        _ => false,
    };

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
