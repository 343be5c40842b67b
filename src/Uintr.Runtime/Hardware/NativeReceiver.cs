using System;
using System.Collections.Generic;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// What the two backends that run the generated trampoline natively (hardware and emulated) share: the native words the
/// trampoline writes, the registering thread that alone may dispatch and dispose, the fds per vector, the wait loop, and
/// the rule that lets other threads read the words (<see cref="GetDeliveryCount"/>, <see cref="WaitForDelivery"/>)
/// while the owner disposes. Only how a blocked owner sleeps, and how the receiver is retired, differ.
/// </summary>
internal abstract unsafe class NativeReceiver : UintrReceiver
{
    /// <summary>The longest single futex sleep of a <see cref="WaitForDelivery"/> caller: how late it sees a Dispose at worst.</summary>
    internal const long WaiterSliceMicroseconds = 10_000;

    // One delegate for the receiver's lifetime (dispatching allocates nothing); through the base class's hook, so a
    // UintrReceiverThread hears of every handler run.
    private readonly Action<int> _runHandler;
    private readonly SortedDictionary<int, UintrFd> _fds = new();
    private readonly int _ownerThreadId;
    private readonly string _ownerThreadName;

    // 1 once Dispose began. Threads other than the owner count themselves in _foreignUsers before they look at it, and
    // the words are freed only after that count drops to 0: with both sides using interlocked operations, either the
    // user sees the flag or the owner sees the user.
    private int _disposed;
    private int _foreignUsers;

    protected NativeReceiver(UserInterruptReceiverDefinition definition, ReceiverNativeState state)
    {
        Definition = definition;
        State = state;
        _runHandler = vector => RunHandler(Definition.Dispatch, vector);
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _ownerThreadName = Thread.CurrentThread.Name ?? $"#{_ownerThreadId}";
    }

    public sealed override ulong Vectors => Definition.VectorMask;

    /// <summary>The words the trampoline writes.</summary>
    internal ReceiverNativeState State { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>What the generator declared: vectors, handlers, the trampoline and its patches.</summary>
    internal UserInterruptReceiverDefinition Definition { get; }

    /// <summary>The fds of the declared vectors, in vector order.</summary>
    protected IEnumerable<UintrFd> Fds => _fds.Values;

    public sealed override UintrFd GetFd(int vector)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        return _fds.TryGetValue(vector, out var fd)
            ? fd
            : throw new ArgumentOutOfRangeException(nameof(vector), vector, $"{Definition.ReceiverTypeName} declares no handler for vector {vector} (it handles {string.Join(", ", _fds.Keys)}).");
    }

    public sealed override int Poll()
    {
        RequireOwner(nameof(Poll));
        return Dispatch();
    }

    public sealed override int Wait(UintrWaitMode mode, TimeSpan? timeout = null)
    {
        if (mode is not (UintrWaitMode.Spin or UintrWaitMode.Block))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown wait mode.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        RequireOwner(nameof(Wait));
        int ran = Dispatch();
        while (ran == 0)
        {
            bool pending = mode == UintrWaitMode.Spin ? State.SpinUntilPending(deadline) : BlockUntilPending(deadline);
            if (!pending)
            {
                return 0;
            }

            ran = Dispatch();
        }

        return ran;
    }

    public sealed override long GetDeliveryCount(int vector)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        ArgumentOutOfRangeException.ThrowIfNegative(vector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(vector, ReceiverNativeState.VectorCount);
        RequireFeature(TrampolineFeatures.DeliveryCounters, "CountDeliveries");
        if (!TryEnterForeign())
        {
            throw new ObjectDisposedException(typeof(UintrReceiver).FullName);
        }

        try
        {
            return (long)Volatile.Read(ref State.Counters[vector]);
        }
        finally
        {
            Interlocked.Decrement(ref _foreignUsers);
        }
    }

    public sealed override bool WaitForDelivery(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        RequireFeature(TrampolineFeatures.WakeWaiter, "WakeWaiter");
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"WaitForDelivery would sleep through its own wake-up on '{_ownerThreadName}', the receiver thread of {Definition.ReceiverTypeName} (that thread takes the very deliveries it would wait for); use Wait there.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        if (!TryEnterForeign())
        {
            return false;   // disposed: no delivery can come any more
        }

        try
        {
            uint* waiterWord = State.WaiterWord;
            while (!IsDisposed)
            {
                if (Interlocked.Exchange(ref *waiterWord, 0) != 0)
                {
                    return true;
                }

                if (WaitDeadline.HasPassed(deadline))
                {
                    return false;
                }

                // Slices bound the time a waiter can miss a Dispose; EAGAIN, EINTR and ETIMEDOUT all just re-check.
                Futex.Wait(waiterWord, 0, WaitDeadline.Slice(deadline, WaiterSliceMicroseconds));
            }

            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _foreignUsers);
        }
    }

    /// <summary>Adds the fd of <paramref name="vector"/> (construction only).</summary>
    protected void AddFd(int vector, UintrFd fd) => _fds.Add(vector, fd);

    /// <summary>Sleeps until a bit is pending (true) or <paramref name="deadline"/> passes (false); the owner thread only.</summary>
    protected abstract bool BlockUntilPending(long? deadline);

    /// <summary>
    /// The first step of Dispose on the owner thread: false if already disposed; otherwise checks the thread and marks
    /// the receiver disposed, so that other threads stop starting to use the words.
    /// </summary>
    protected bool BeginDispose()
    {
        if (IsDisposed)
        {
            return false;
        }

        RequireOwner(nameof(Dispose));
        Interlocked.Exchange(ref _disposed, 1);
        return true;
    }

    /// <summary>Marks the receiver disposed from its finalizer (no other thread can hold it): false if it already was.</summary>
    protected bool BeginFinalize() => Interlocked.Exchange(ref _disposed, 1) == 0;

    /// <summary>
    /// The last step of Dispose: no delivery can wake <see cref="WaitForDelivery"/> callers any more, so wake them until
    /// every one has left, then free the words.
    /// </summary>
    protected void ReleaseWaitersAndFree()
    {
        bool wakes = (Definition.Trampoline.Features & TrampolineFeatures.WakeWaiter) != 0;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _foreignUsers) != 0)
        {
            if (wakes)
            {
                Futex.WakeAll(State.WaiterWord);
            }

            spinner.SpinOnce();
        }

        State.Dispose();
    }

    private int Dispatch()
    {
        // A bit outside the declared vectors can only be a stale post to a reused UPID or block: dropped and counted.
        return PendingVectorDispatcher.DispatchAll(State, Definition.VectorMask, _runHandler, ref DroppedUndeclaredVectorsCounter);
    }

    /// <summary>Counts a thread other than the owner in before it touches the native words; false once Dispose has begun.</summary>
    private bool TryEnterForeign()
    {
        Interlocked.Increment(ref _foreignUsers);
        if (IsDisposed)
        {
            Interlocked.Decrement(ref _foreignUsers);
            return false;
        }

        return true;
    }

    private void RequireFeature(TrampolineFeatures feature, string option)
    {
        if ((Definition.Trampoline.Features & feature) == 0)
        {
            throw new InvalidOperationException($"{Definition.ReceiverTypeName} was generated without {feature}: add [UserInterruptReceiver({option} = true)] to the type.");
        }
    }

    private void RequireOwner(string operation)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            string caller = Thread.CurrentThread.Name ?? $"#{Environment.CurrentManagedThreadId}";
            throw new InvalidOperationException(
                $"{operation} must run on thread '{_ownerThreadName}', which registered {Definition.ReceiverTypeName}: the handler and UPID belong to that thread (called from '{caller}').");
        }
    }
}
