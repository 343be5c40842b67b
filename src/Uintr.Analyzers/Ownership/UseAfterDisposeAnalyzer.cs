using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Uintr.Analyzers.Flow;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// UINTR024: a local or parameter of type UintrFd or UintrSender used after an explicit <c>Dispose()</c> on some
/// path (and not reassigned since). Disposing again and reading <c>IsDisposed</c> are allowed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UseAfterDisposeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UseAfterDispose);

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

            CallingBodies.Register(start, DisposeName, (context, body) => AnalyzeBody(context, body, symbols));
        });
    }

    private static readonly ImmutableHashSet<string> DisposeName = ImmutableHashSet.Create("Dispose");

    private static void AnalyzeBody(SemanticModelAnalysisContext context, SyntaxNode body, UintrSymbols symbols)
    {
        if (!DisposesALocalOrParameter(body) || CodeBlocks.GraphOf(body, context.SemanticModel, context.CancellationToken) is not { } graph)
        {
            return;
        }

        var uses = new List<IOperation>();
        foreach (var nested in CodeBlocks.WithNestedFunctions(graph, context.CancellationToken))
        {
            var flow = new UseAfterDisposeFlow(nested, symbols);
            flow.Run();
            uses.AddRange(flow.Uses);
        }

        foreach (var use in uses.OrderBy(u => u.Syntax.SpanStart))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UseAfterDispose, use.Syntax.GetLocation(), use.Syntax.ToString()));
        }
    }

    // Syntactic pre-filter: 'x.Dispose()' or 'x?.Dispose()' where x is a name declared in this body or its parameter
    // list (not a field, as in the usual 'public void Dispose() => _sender?.Dispose();').
    private static bool DisposesALocalOrParameter(SyntaxNode declaration)
    {
        HashSet<string>? declared = null;
        foreach (var node in declaration.DescendantNodes())
        {
            string? receiver = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose", Expression: IdentifierNameSyntax name } } => name.Identifier.ValueText,
                ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax name, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } => name.Identifier.ValueText,
                _ => null,
            };
            if (receiver is null)
            {
                continue;
            }

            declared ??= DeclaredNames(declaration);
            if (declared.Contains(receiver))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> DeclaredNames(SyntaxNode declaration)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in declaration.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ParameterSyntax parameter:
                    names.Add(parameter.Identifier.ValueText);
                    break;
                case VariableDeclaratorSyntax variable:
                    names.Add(variable.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    names.Add(designation.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    names.Add(forEach.Identifier.ValueText);
                    break;
            }
        }

        // Accessors: 'value' of a setter.
        names.Add("value");
        return names;
    }

    private static bool IsTrackedType(ITypeSymbol? type, UintrSymbols symbols) =>
        UintrSymbols.IsOrDerivesFrom(type, symbols.UintrFd) || UintrSymbols.IsOrDerivesFrom(type, symbols.UintrSender);

    private static bool IsTrackedDispose(IInvocationOperation invocation, UintrSymbols symbols) =>
        FlowOperations.IsDispose(invocation) && IsTrackedType(FlowOperations.Unwrap(invocation.Instance)?.Type, symbols);

    // The state is the set of variables that may be disposed.
    private sealed class UseAfterDisposeFlow : ForwardSetAnalysis<ISymbol>
    {
        private readonly UintrSymbols _symbols;
        private readonly Dictionary<CaptureId, ISymbol> _aliases = new();

        public UseAfterDisposeFlow(ControlFlowGraph graph, UintrSymbols symbols)
            : base(graph)
        {
            _symbols = symbols;
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture && FlowOperations.VariableOf(capture.Value) is ISymbol variable)
                    {
                        _aliases[capture.Id] = variable;
                    }
                }
            }
        }

        public HashSet<IOperation> Uses { get; } = new();

        protected override ImmutableHashSet<ISymbol> TransferBlock(BasicBlock block, ImmutableHashSet<ISymbol> state)
        {
            foreach (var (operation, _) in Flattened(block))
            {
                if (operation is IInvocationOperation invocation && IsTrackedDispose(invocation, _symbols) && Variable(invocation.Instance) is { } disposed)
                {
                    state = state.Add(disposed);
                }
                else if (operation is ISimpleAssignmentOperation assignment && Variable(assignment.Target) is { } assigned)
                {
                    state = state.Remove(assigned);
                }
                else if (Reporting && operation is ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation
                    && Variable(operation) is { } used && state.Contains(used) && IsUse(operation))
                {
                    Uses.Add(operation);
                }
            }

            return state;
        }

        protected override ImmutableHashSet<ISymbol> ApplyFinally(ControlFlowRegion finallyRegion, ImmutableHashSet<ISymbol> state) => state;

        protected override void OnExit(ImmutableHashSet<ISymbol> state, BasicBlock from)
        {
        }

        private ISymbol? Variable(IOperation? operation) => FlowOperations.VariableOf(operation) switch
        {
            ISymbol symbol => symbol,
            CaptureId id when _aliases.TryGetValue(id, out var aliased) => aliased,
            _ => null,
        };

        // Calling a member or passing it on is a use; Dispose again, IsDisposed, null checks and assignments are not.
        private static bool IsUse(IOperation reference)
        {
            var (parent, child) = FlowOperations.Context(reference);
            return parent switch
            {
                IInvocationOperation invocation when invocation.Instance == child => !FlowOperations.IsDispose(invocation),
                IPropertyReferenceOperation property when property.Instance == child => property.Property.Name != "IsDisposed",
                IArgumentOperation => true,
                _ => false,
            };
        }
    }
}
