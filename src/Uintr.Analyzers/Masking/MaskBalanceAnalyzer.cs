using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Uintr.Analyzers.Flow;

namespace Uintr.Analyzers.Masking;

/// <summary>
/// UINTR023: every <c>UserInterrupts.Clui()</c> must be followed by <c>Stui()</c> on every path out of the method
/// (a Stui in a finally region counts on the paths through its try). Reported at each Clui that some path leaves open.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MaskBalanceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnbalancedClui);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (UintrSymbols.For(start.Compilation)?.UserInterrupts is not { } userInterrupts)
            {
                return;
            }

            CallingBodies.Register(start, CluiName, (context, body) => AnalyzeBody(context, body, userInterrupts));
        });
    }

    /// <summary>Whether <paramref name="operation"/> is <c>UserInterrupts.<paramref name="name"/>()</c>.</summary>
    internal static bool IsCall(IOperation operation, INamedTypeSymbol userInterrupts, string name) =>
        operation is IInvocationOperation invocation
        && invocation.TargetMethod.Name == name
        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, userInterrupts);

    private static readonly ImmutableHashSet<string> CluiName = ImmutableHashSet.Create("Clui");

    private static void AnalyzeBody(SemanticModelAnalysisContext context, SyntaxNode body, INamedTypeSymbol userInterrupts)
    {
        if (CodeBlocks.GraphOf(body, context.SemanticModel, context.CancellationToken) is not { } graph)
        {
            return;
        }

        var open = new HashSet<IOperation>();
        Analyze(graph, userInterrupts, open, context.CancellationToken);
        string owner = CodeBlocks.OwnerName(body, context.SemanticModel, context.CancellationToken);
        foreach (var clui in open.OrderBy(o => o.Syntax.SpanStart))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnbalancedClui, clui.Syntax.GetLocation(), owner));
        }
    }

    private static void Analyze(ControlFlowGraph graph, INamedTypeSymbol userInterrupts, HashSet<IOperation> open, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var body in CodeBlocks.WithNestedFunctions(graph, cancellationToken))
        {
            var analysis = new MaskFlow(body, userInterrupts);
            analysis.Run();
            open.UnionWith(analysis.Open);
        }
    }

    // The state is the set of Clui calls not yet balanced by a Stui.
    private sealed class MaskFlow : ForwardSetAnalysis<IOperation>
    {
        private readonly INamedTypeSymbol _userInterrupts;
        private readonly Dictionary<ControlFlowRegion, bool> _finallyUnmasks = new();

        public MaskFlow(ControlFlowGraph graph, INamedTypeSymbol userInterrupts)
            : base(graph)
        {
            _userInterrupts = userInterrupts;
        }

        public HashSet<IOperation> Open { get; } = new();

        protected override ImmutableHashSet<IOperation> TransferBlock(BasicBlock block, ImmutableHashSet<IOperation> state)
        {
            foreach (var (operation, _) in Flattened(block))
            {
                if (IsCall(operation, _userInterrupts, "Clui"))
                {
                    state = state.Add(operation);
                }
                else if (IsCall(operation, _userInterrupts, "Stui"))
                {
                    state = ImmutableHashSet<IOperation>.Empty;
                }
            }

            return state;
        }

        protected override ImmutableHashSet<IOperation> ApplyFinally(ControlFlowRegion finallyRegion, ImmutableHashSet<IOperation> state)
        {
            if (!_finallyUnmasks.TryGetValue(finallyRegion, out bool unmasks))
            {
                unmasks = OperationsOf(finallyRegion).SelectMany(o => o.DescendantsAndSelf()).Any(o => IsCall(o, _userInterrupts, "Stui"));
                _finallyUnmasks[finallyRegion] = unmasks;
            }

            return unmasks ? ImmutableHashSet<IOperation>.Empty : state;
        }

        protected override void OnExit(ImmutableHashSet<IOperation> state, BasicBlock from) => Open.UnionWith(state);
    }
}
