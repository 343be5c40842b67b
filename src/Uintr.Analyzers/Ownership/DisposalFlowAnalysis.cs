using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Uintr.Analyzers.Flow;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// Tracks every owned object (see <see cref="OwnedResources"/>) from its creation through locals and flow captures
/// to a Dispose, a <c>using</c> (a finally region), or an ownership transfer (<see cref="OwnershipTransfer"/>).
/// Whatever may still be owned when control leaves the method, or is dropped or overwritten, leaks.
/// </summary>
internal sealed class DisposalFlowAnalysis : ForwardSetAnalysis<OwnedValue>
{
    private readonly UintrSymbols _symbols;
    private readonly OwnedResources _owned;
    private readonly ImmutableHashSet<ILocalSymbol> _escaped;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<CaptureId, object> _aliases = new();
    private readonly Dictionary<ControlFlowRegion, HashSet<object>> _disposedInFinally = new();

    public DisposalFlowAnalysis(ControlFlowGraph graph, UintrSymbols symbols, OwnedResources owned, ImmutableHashSet<ILocalSymbol> escaped, CancellationToken cancellationToken)
        : base(graph)
    {
        _symbols = symbols;
        _owned = owned;
        _escaped = escaped;
        _cancellationToken = cancellationToken;

        // A capture of a local (the lowered 'x?.Dispose()', 'x ?? y') stands for that local.
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is IFlowCaptureOperation capture && FlowOperations.Unwrap(capture.Value) is ILocalReferenceOperation local)
                {
                    _aliases[capture.Id] = local.Local;
                }
            }
        }
    }

    /// <summary>The creations found leaking (filled by <see cref="ForwardSetAnalysis{T}.Run"/>).</summary>
    public HashSet<IInvocationOperation> Leaks { get; } = new();

    protected override ImmutableHashSet<OwnedValue> TransferBlock(BasicBlock block, ImmutableHashSet<OwnedValue> state)
    {
        bool returns = block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return && block.ConditionKind == ControlFlowConditionKind.None;
        foreach (var (operation, root) in Flattened(block))
        {
            state = Transfer(operation, root, state, returns && root == block.BranchValue);
        }

        return state;
    }

    protected override ImmutableHashSet<OwnedValue> TransferCondition(BasicBlock block, bool branchValue, ImmutableHashSet<OwnedValue> state)
    {
        var (variable, nullWhen) = FlowOperations.NullTest(block.BranchValue);
        return variable is not null && branchValue == nullWhen ? Release(state, Resolve(variable)) : state;
    }

    protected override ImmutableHashSet<OwnedValue> ApplyFinally(ControlFlowRegion finallyRegion, ImmutableHashSet<OwnedValue> state)
    {
        if (!_disposedInFinally.TryGetValue(finallyRegion, out var disposed))
        {
            disposed = new HashSet<object>();
            foreach (var operation in OperationsOf(finallyRegion).SelectMany(o => o.DescendantsAndSelf()))
            {
                if (operation is IInvocationOperation invocation && FlowOperations.IsDispose(invocation) && FlowOperations.VariableOf(invocation.Instance) is { } variable)
                {
                    disposed.Add(Resolve(variable));
                }
            }

            _disposedInFinally[finallyRegion] = disposed;
        }

        foreach (var variable in disposed)
        {
            state = Release(state, variable);
        }

        return state;
    }

    protected override void OnExit(ImmutableHashSet<OwnedValue> state, BasicBlock from)
    {
        foreach (var owned in state)
        {
            Leaks.Add(owned.Creation);
        }
    }

    private ImmutableHashSet<OwnedValue> Transfer(IOperation operation, IOperation root, ImmutableHashSet<OwnedValue> state, bool isReturnValue)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (operation is IInvocationOperation invocation && _owned.LeakRuleOf(invocation) is not null)
        {
            return OnCreation(invocation, state, isReturnValue && IsRootValue(invocation, root));
        }

        if (state.IsEmpty)
        {
            return state;
        }

        if (FlowOperations.VariableOf(operation) is { } variable && operation is not IConversionOperation)
        {
            var resolved = Resolve(variable);
            return state.Any(o => o.Variable.Equals(resolved)) ? OnUse(operation, resolved, state, isReturnValue && IsRootValue(operation, root)) : state;
        }

        if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment && !IsTracked(assignment.Value, state))
        {
            // Overwriting the only reference to an undisposed object leaks it.
            return Drop(state, target.Local);
        }

        return state;
    }

    private ImmutableHashSet<OwnedValue> OnCreation(IInvocationOperation creation, ImmutableHashSet<OwnedValue> state, bool returned)
    {
        if (returned)
        {
            return state;
        }

        var (parent, child) = FlowOperations.Context(creation);
        switch (parent)
        {
            case IFlowCaptureOperation capture:
                return state.Add(new OwnedValue(capture.Id, creation));
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                var target = FlowOperations.Unwrap(assignment.Target);
                if (target is ILocalReferenceOperation local)
                {
                    state = Drop(state, local.Local);
                    return _escaped.Contains(local.Local) ? state : state.Add(new OwnedValue(local.Local, creation));
                }

                if (target is not null && !OwnershipTransfer.IsOwningStore(target, _symbols))
                {
                    Leak(creation);
                }

                return state;
            case IArgumentOperation argument:
                if (!OwnershipTransfer.IsOwningArgument(argument, _symbols, _cancellationToken))
                {
                    Leak(creation);
                }

                return state;
            case IInvocationOperation call when call.Instance == child && FlowOperations.IsDispose(call):
                // Created and disposed at once: Receiver.RegisterUserInterrupts(platform).Dispose().
                return state;
            case null:
            case IInvocationOperation call when call.Instance == child:
            case IPropertyReferenceOperation property when property.Instance == child:
            case IExpressionStatementOperation:
                // Discarded, or used once and dropped.
                Leak(creation);
                return state;
            default:
                return state;
        }
    }

    private ImmutableHashSet<OwnedValue> OnUse(IOperation reference, object variable, ImmutableHashSet<OwnedValue> state, bool returned)
    {
        if (returned)
        {
            return Release(state, variable);
        }

        var (parent, child) = FlowOperations.Context(reference);
        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == child && FlowOperations.IsDispose(invocation):
                return Release(state, variable);
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                var target = FlowOperations.Unwrap(assignment.Target);
                if (target is ILocalReferenceOperation local)
                {
                    // An alias: both locals now hold the object, and disposing either disposes it ('var e = s;' inside
                    // 'using var s'). A local shared with a lambda takes it out of this method's hands.
                    if (local.Local.Equals(variable))
                    {
                        return state;
                    }

                    var aliases = state.Where(o => o.Variable.Equals(variable)).Select(o => new OwnedValue(local.Local, o.Creation)).ToList();
                    state = Drop(state, local.Local);
                    return _escaped.Contains(local.Local) ? Release(state, variable) : state.Union(aliases);
                }

                return target is not null && !OwnershipTransfer.IsOwningStore(target, _symbols) ? state : Release(state, variable);
            case IArgumentOperation argument:
                return OwnershipTransfer.IsOwningArgument(argument, _symbols, _cancellationToken) ? Release(state, variable) : state;
            case IReturnOperation:
            case IArrayInitializerOperation:
            case IObjectOrCollectionInitializerOperation:
            case IMemberInitializerOperation:
            case ICollectionExpressionOperation:
            case ITupleOperation:
            case IAnonymousObjectCreationOperation:
                return Release(state, variable);
            default:
                return state;
        }
    }

    private bool IsTracked(IOperation value, ImmutableHashSet<OwnedValue> state)
    {
        var unwrapped = FlowOperations.Unwrap(value);
        if (unwrapped is IInvocationOperation invocation && _owned.LeakRuleOf(invocation) is not null)
        {
            return true;
        }

        return FlowOperations.VariableOf(unwrapped) is { } variable && state.Any(o => o.Variable.Equals(Resolve(variable)));
    }

    private static bool IsRootValue(IOperation operation, IOperation root) => FlowOperations.Unwrap(root) == operation;

    private object Resolve(object variable) => variable is CaptureId id && _aliases.TryGetValue(id, out var local) ? local : variable;

    // The objects the variable holds are no longer this method's to dispose, through whichever alias.
    private static ImmutableHashSet<OwnedValue> Release(ImmutableHashSet<OwnedValue> state, object variable)
    {
        var creations = new HashSet<IInvocationOperation>(state.Where(o => o.Variable.Equals(variable)).Select(o => o.Creation));
        return creations.Count == 0 ? state : state.Where(o => !creations.Contains(o.Creation)).ToImmutableHashSet();
    }

    // The variable stops holding its objects (overwritten or out of scope); one no other alias holds leaks.
    private ImmutableHashSet<OwnedValue> Drop(ImmutableHashSet<OwnedValue> state, object variable)
    {
        var dropped = state.Where(o => o.Variable.Equals(variable)).ToList();
        if (dropped.Count == 0)
        {
            return state;
        }

        state = state.Except(dropped);
        foreach (var owned in dropped)
        {
            if (!state.Any(o => ReferenceEquals(o.Creation, owned.Creation)))
            {
                Leak(owned.Creation);
            }
        }

        return state;
    }

    private void Leak(IInvocationOperation creation)
    {
        if (Reporting)
        {
            Leaks.Add(creation);
        }
    }
}
