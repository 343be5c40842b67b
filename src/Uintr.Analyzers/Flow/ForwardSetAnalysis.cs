using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Flow;

/// <summary>
/// A forward "may" dataflow over a <see cref="ControlFlowGraph"/> whose state is a set (union at joins), run to a
/// fixpoint. Only normal control flow is followed: exceptions thrown by calls are not paths (as CA2000's default),
/// explicit throws are, finally regions run on the branches that leave their try, and catch regions are reached
/// only by exceptions, so they are not analysed. Subclasses report only in the final pass (<see cref="Reporting"/>).
/// </summary>
/// <typeparam name="T">The element of the state.</typeparam>
internal abstract class ForwardSetAnalysis<T>
{
    // The flattened blocks of each graph, shared by the flow rules that analyse the same graph (see CodeBlocks.GraphOf):
    // each block is flattened once, not once per rule. Weak keys: nothing outlives its compilation.
    private static readonly ConditionalWeakTable<ControlFlowGraph, (IOperation Operation, IOperation Root)[]?[]> s_flattened = new();

    private readonly (IOperation Operation, IOperation Root)[]?[] _flattened;

    protected ForwardSetAnalysis(ControlFlowGraph graph)
    {
        Graph = graph;
        _flattened = s_flattened.GetValue(graph, g => new (IOperation, IOperation)[]?[g.Blocks.Length]);
    }

    protected ControlFlowGraph Graph { get; }

    /// <summary>True during the final pass, when transfers and exits may report.</summary>
    protected bool Reporting { get; private set; }

    public void Run()
    {
        var blocks = Graph.Blocks;
        var input = new ImmutableHashSet<T>?[blocks.Length];
        input[0] = ImmutableHashSet<T>.Empty;
        var work = new Queue<int>();
        var queued = new bool[blocks.Length];
        work.Enqueue(0);
        queued[0] = true;
        int budget = blocks.Length * 64;
        while (work.Count > 0 && budget-- > 0)
        {
            int ordinal = work.Dequeue();
            queued[ordinal] = false;
            foreach (var (destination, state) in Successors(blocks[ordinal], input[ordinal]!))
            {
                var previous = input[destination];
                var merged = previous is null ? state : previous.Union(state);
                if (previous is null || merged.Count != previous.Count)
                {
                    input[destination] = merged;
                    if (!queued[destination])
                    {
                        queued[destination] = true;
                        work.Enqueue(destination);
                    }
                }
            }
        }

        Reporting = true;
        for (int i = 0; i < blocks.Length; i++)
        {
            if (input[i] is { } state)
            {
                foreach (var _ in Successors(blocks[i], state))
                {
                }
            }
        }
    }

    /// <summary>The state after the block's operations (and its branch value).</summary>
    protected abstract ImmutableHashSet<T> TransferBlock(BasicBlock block, ImmutableHashSet<T> state);

    /// <summary>Refines the state on a conditional edge (e.g. "x is null here").</summary>
    protected virtual ImmutableHashSet<T> TransferCondition(BasicBlock block, bool branchValue, ImmutableHashSet<T> state) => state;

    /// <summary>The state after running <paramref name="finallyRegion"/> on the way out of its try.</summary>
    protected abstract ImmutableHashSet<T> ApplyFinally(ControlFlowRegion finallyRegion, ImmutableHashSet<T> state);

    /// <summary>The state that leaves the method (by return, end, or an uncaught explicit throw); called while reporting.</summary>
    protected abstract void OnExit(ImmutableHashSet<T> state, BasicBlock from);

    private IEnumerable<(int Destination, ImmutableHashSet<T> State)> Successors(BasicBlock block, ImmutableHashSet<T> state)
    {
        var after = TransferBlock(block, state);
        if (block.ConditionKind != ControlFlowConditionKind.None && block.ConditionalSuccessor is { } conditional)
        {
            bool whenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            foreach (var edge in Follow(block, conditional, TransferCondition(block, whenTrue, after)))
            {
                yield return edge;
            }

            if (block.FallThroughSuccessor is { } otherwise)
            {
                foreach (var edge in Follow(block, otherwise, TransferCondition(block, !whenTrue, after)))
                {
                    yield return edge;
                }
            }
        }
        else if (block.FallThroughSuccessor is { } next)
        {
            foreach (var edge in Follow(block, next, after))
            {
                yield return edge;
            }
        }
    }

    private IEnumerable<(int, ImmutableHashSet<T>)> Follow(BasicBlock from, ControlFlowBranch branch, ImmutableHashSet<T> state)
    {
        foreach (var region in branch.FinallyRegions)
        {
            state = ApplyFinally(region, state);
        }

        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                if (Reporting && ThrowLeavesMethod(from, ref state))
                {
                    OnExit(state, from);
                }

                yield break;
            case ControlFlowBranchSemantics.StructuredExceptionHandling:
            case ControlFlowBranchSemantics.Error:
            case ControlFlowBranchSemantics.ProgramTermination:
                yield break;
        }

        if (branch.Destination is not { } destination)
        {
            yield break;
        }

        if (destination.Kind == BasicBlockKind.Exit)
        {
            if (Reporting)
            {
                OnExit(state, from);
            }

            yield break;
        }

        yield return (destination.Ordinal, state);
    }

    // An explicit throw leaves the method unless a try/catch encloses it; enclosing finally regions still run.
    private bool ThrowLeavesMethod(BasicBlock from, ref ImmutableHashSet<T> state)
    {
        for (var region = from.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion is { } parent)
            {
                if (parent.Kind is ControlFlowRegionKind.TryAndCatch)
                {
                    return false;
                }

                if (parent.Kind == ControlFlowRegionKind.TryAndFinally && parent.NestedRegions.Length > 1)
                {
                    state = ApplyFinally(parent.NestedRegions[1], state);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Every operation of the block (its statements, then its branch value), each with the root it belongs to, in
    /// pre-order; computed once per block and graph because the fixpoint visits blocks several times and several rules
    /// analyse the same graph (two threads may both compute a block: the arrays are equal, either one is kept).
    /// </summary>
    protected (IOperation Operation, IOperation Root)[] Flattened(BasicBlock block)
    {
        if (Volatile.Read(ref _flattened[block.Ordinal]) is { } cached)
        {
            return cached;
        }

        var operations = new List<(IOperation, IOperation)>();
        foreach (var root in block.Operations)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                operations.Add((operation, root));
            }
        }

        if (block.BranchValue is { } value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                operations.Add((operation, value));
            }
        }

        var flattened = operations.ToArray();
        Volatile.Write(ref _flattened[block.Ordinal], flattened);
        return flattened;
    }

    /// <summary>The operations of the blocks of <paramref name="region"/>, branch values included.</summary>
    protected IEnumerable<IOperation> OperationsOf(ControlFlowRegion region)
    {
        for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
        {
            var block = Graph.Blocks[i];
            foreach (var operation in block.Operations)
            {
                yield return operation;
            }

            if (block.BranchValue is { } value)
            {
                yield return value;
            }
        }
    }
}
