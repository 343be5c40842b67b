using System;
using System.Collections.Generic;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Hardware;
using static Uintr.Emulation.EmulationLayout;

namespace Uintr.Emulation;

/// <summary>
/// A receiver on the emulated backend: its trampoline (the generator's bytes, linked into its own executable page), the
/// native words the trampoline writes, and a receiver block the signal handlers use as UPID, UIRR, UIF and the
/// HANDLER/STACKADJUST registers. Handlers run here, on the registering thread, at safe points.
/// </summary>
internal sealed unsafe class EmulatedReceiver : UintrReceiver
{
    /// <summary>The longest single futex sleep of a blocking wait (bounds how late a Dispose on another path is seen).</summary>
    internal const long BlockSliceMicroseconds = 10_000;

    private readonly EmulatedPlatform _platform;
    private readonly UserInterruptReceiverDefinition _definition;

    // One delegate for the receiver's lifetime (dispatching allocates nothing); through the base class's hook, so a
    // UintrReceiverThread hears of every handler run, as on the other backends.
    private readonly Action<int> _runHandler;
    private readonly ExecutablePage _trampoline;
    private readonly SortedDictionary<int, EmulatedFd> _fds = new();
    private readonly List<EmulatedOpenFile> _files = new();
    private readonly int _ownerThreadId;
    private readonly string _ownerThreadName;
    private bool _disposed;

    public EmulatedReceiver(EmulatedPlatform platform, UserInterruptReceiverDefinition definition, ReceiverNativeState state, ExecutablePage trampoline, int slot)
    {
        _platform = platform;
        _definition = definition;
        _runHandler = vector => RunHandler(_definition.Dispatch, vector);
        State = state;
        _trampoline = trampoline;
        Slot = slot;
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _ownerThreadName = Thread.CurrentThread.Name ?? $"#{_ownerThreadId}";

        // The words are freed here, after the block left the handlers' table, never by a finalizer of their own.
        GC.SuppressFinalize(state);
        for (int vector = 0; vector < ReceiverNativeState.VectorCount; vector++)
        {
            if ((definition.VectorMask & (1UL << vector)) != 0)
            {
                var file = new EmulatedOpenFile(this, vector);
                _files.Add(file);
                _fds.Add(vector, new EmulatedFd(file, EmulationNative.NewDescriptor()));
            }
        }
    }

    public override UintrPlatform Platform => _platform;

    public override ulong Vectors => _definition.VectorMask;

    /// <summary>The words the trampoline writes.</summary>
    internal ReceiverNativeState State { get; }

    /// <summary>The receiver block's slot in the process-wide table.</summary>
    internal int Slot { get; }

    /// <summary>The address the signal handler delivers to.</summary>
    internal nint TrampolineAddress => _trampoline.Address;

    internal bool IsDisposed => _disposed;

    /// <summary>Deliveries into the trampoline (counted by the signal handlers).</summary>
    internal long Deliveries => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Deliveries));

    /// <summary>Notification signals this receiver processed.</summary>
    internal long Notifications => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Notifications));

    /// <summary>UIRETs the SIGILL handler emulated for this receiver.</summary>
    internal long Uirets => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Uirets));

    /// <summary>Pending bits for vectors this receiver does not declare (a stale post from a previous owner of the block), dropped.</summary>
    internal long DroppedVectors => DroppedUndeclaredVectors;

    public override UintrFd GetFd(int vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        return _fds.TryGetValue(vector, out var fd)
            ? fd
            : throw new ArgumentOutOfRangeException(nameof(vector), vector, $"{_definition.ReceiverTypeName} declares no handler for vector {vector} (it handles {string.Join(", ", _fds.Keys)}).");
    }

    public override int Poll()
    {
        RequireOwner(nameof(Poll));
        return Dispatch();
    }

    public override int Wait(UintrWaitMode mode, TimeSpan? timeout = null)
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

    public override long GetDeliveryCount(int vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        ArgumentOutOfRangeException.ThrowIfNegative(vector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(vector, ReceiverNativeState.VectorCount);
        RequireFeature(TrampolineFeatures.DeliveryCounters, "CountDeliveries");
        return (long)Volatile.Read(ref State.Counters[vector]);
    }

    public override bool WaitForDelivery(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        RequireFeature(TrampolineFeatures.WakeWaiter, "WakeWaiter");
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"WaitForDelivery would sleep through its own wake-up on '{_ownerThreadName}', the receiver thread of {_definition.ReceiverTypeName}; use Wait there.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        while (!_disposed)
        {
            if (Interlocked.Exchange(ref *State.WaiterWord, 0) != 0)
            {
                return true;
            }

            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            FutexWait((uint*)State.WaiterWord, deadline);
        }

        return false;
    }

    /// <summary>The receiver's last fd for <paramref name="vector"/> was closed: the vector no longer receives.</summary>
    internal void VectorClosed(int vector)
    {
        if (!_disposed)
        {
            Interlocked.And(ref *(ulong*)(_platform.Machine.Block(Slot) + UpidPir), ~(1UL << vector));
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The block belongs to the registering thread's handlers: only that thread can retire it safely.
        if (_disposed || !disposing)
        {
            return;
        }

        RequireOwner(nameof(Dispose));

        // CLUI first, then hide the block: no delivery can enter the trampoline once it is unmapped.
        _platform.Machine.Clui();
        _platform.Machine.Retire(Slot);
        _disposed = true;
        foreach (var file in _files)
        {
            file.ReceiverGone();
        }

        foreach (var fd in _fds.Values)
        {
            fd.Dispose();
        }

        _platform.ForgetReceiver(this);
        _trampoline.Dispose();
        if ((_definition.Trampoline.Features & TrampolineFeatures.WakeWaiter) != 0)
        {
            // Waiters on another thread re-check _disposed within one slice.
            *State.WaiterWord = 1;
            _ = EmulationNative.Syscall(EmulationNative.SysFutex, (nint)State.WaiterWord, EmulationNative.FutexWakePrivate, int.MaxValue, 0, 0, 0);
        }

        State.Dispose();
    }

    /// <summary>
    /// Runs only once the registering thread is gone (its thread-static reference kept the receiver alive until then):
    /// the block leaves the handlers' table before a new thread can reuse the thread id, and senders learn the
    /// connection is dead. The words go after that; the trampoline page is a SafeHandle, released after every
    /// ordinary finalizer.
    /// </summary>
    ~EmulatedReceiver()
    {
        if (!_disposed)
        {
            _disposed = true;
            _platform.Machine.Retire(Slot);
            foreach (var file in _files)
            {
                file.ReceiverGone();
            }

            State.Dispose();
        }
    }

    private int Dispatch()
    {
        // A bit outside the declared vectors can only be a stale post to a reused block: the dispatcher drops and counts it.
        return PendingVectorDispatcher.DispatchAll(State, _definition.VectorMask, _runHandler, ref DroppedUndeclaredVectorsCounter);
    }


    /// <summary>
    /// Sleeps in FUTEX_WAIT on the receiver block's word. The notification handler sets the word before it delivers,
    /// so a notification that lands between the pending check and the system call makes the (restarted) call return
    /// at once instead of sleeping through it.
    /// </summary>
    private bool BlockUntilPending(long? deadline)
    {
        uint* word = (uint*)(_platform.Machine.Block(Slot) + BlockWord);
        while (State.ReadPending() == 0)
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            Volatile.Write(ref *word, 0u);
            if (State.ReadPending() != 0)
            {
                break;
            }

            FutexWait(word, deadline);
        }

        return true;
    }

    private static void FutexWait(uint* word, long? deadline)
    {
        long microseconds = deadline is { } end ? Math.Clamp(WaitDeadline.RemainingMicroseconds(end), 1, BlockSliceMicroseconds) : BlockSliceMicroseconds;
        long* timespec = stackalloc long[2];
        timespec[0] = microseconds / 1_000_000;
        timespec[1] = microseconds % 1_000_000 * 1000;

        // EAGAIN (the word changed), EINTR (a signal) and ETIMEDOUT all just send the caller back to its check.
        _ = EmulationNative.Syscall(EmulationNative.SysFutex, (nint)word, EmulationNative.FutexWaitPrivate, 0, (nint)timespec, 0, 0);
    }

    private void RequireFeature(TrampolineFeatures feature, string option)
    {
        if ((_definition.Trampoline.Features & feature) == 0)
        {
            throw new InvalidOperationException($"{_definition.ReceiverTypeName} was generated without {feature}: add [UserInterruptReceiver({option} = true)] to the type.");
        }
    }

    private void RequireOwner(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            string caller = Thread.CurrentThread.Name ?? $"#{Environment.CurrentManagedThreadId}";
            throw new InvalidOperationException(
                $"{operation} must run on thread '{_ownerThreadName}', which registered {_definition.ReceiverTypeName}: the handler and UPID belong to that thread (called from '{caller}').");
        }
    }
}
