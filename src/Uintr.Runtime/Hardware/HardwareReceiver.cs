using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// A receiver on real hardware: the kernel delivers into the linked trampoline (its own executable page),
/// which sets bits in the pending word; handlers run here, on the registering thread, at safe points.
/// </summary>
internal sealed partial class HardwareReceiver : UintrReceiver
{
    /// <summary>The longest single uintr_wait on uintr-next (10 ms): the worst-case delay of a lost wake-up.</summary>
    internal const long BlockSliceMicroseconds = 10_000;

    private readonly HardwarePlatform _platform;
    private readonly IUintrKernel _kernel;
    private readonly UserInterruptReceiverDefinition _definition;

    // One delegate for the receiver's lifetime, so dispatching allocates nothing.
    private readonly Action<int> _runHandler;
    private readonly ExecutablePage _trampoline;
    private readonly SortedDictionary<int, HardwareFd> _fds;
    private readonly int _ownerThreadId;
    private readonly string _ownerThreadName;
    private bool _disposed;

    public HardwareReceiver(
        HardwarePlatform platform,
        IUintrKernel kernel,
        UserInterruptReceiverDefinition definition,
        ReceiverNativeState state,
        ExecutablePage trampoline,
        IEnumerable<HardwareFd> fds)
    {
        _platform = platform;
        _kernel = kernel;
        _definition = definition;
        _runHandler = vector => RunHandler(_definition.Dispatch, vector);
        State = state;
        _trampoline = trampoline;
        _fds = new SortedDictionary<int, HardwareFd>(fds.ToDictionary(fd => fd.Vector));
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _ownerThreadName = Thread.CurrentThread.Name ?? $"#{_ownerThreadId}";
    }

    public override UintrPlatform Platform => _platform;

    public override ulong Vectors => _definition.VectorMask;

    /// <summary>The words the trampoline writes.</summary>
    internal ReceiverNativeState State { get; }

    /// <summary>The address registered with uintr_register_handler.</summary>
    internal nint TrampolineAddress => _trampoline.Address;

    internal bool IsDisposed => _disposed;

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
        return PendingVectorDispatcher.DispatchAll(State, _runHandler);
    }

    public override int Wait(UintrWaitMode mode, TimeSpan? timeout = null)
    {
        if (mode is not (UintrWaitMode.Spin or UintrWaitMode.Block))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown wait mode.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        RequireOwner(nameof(Wait));
        int ran = PendingVectorDispatcher.DispatchAll(State, _runHandler);
        while (ran == 0)
        {
            bool pending = mode == UintrWaitMode.Spin ? SpinUntilPending(deadline) : BlockUntilPending(deadline);
            if (!pending)
            {
                return 0;
            }

            ran = PendingVectorDispatcher.DispatchAll(State, _runHandler);
        }

        return ran;
    }

    public override unsafe long GetDeliveryCount(int vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        ArgumentOutOfRangeException.ThrowIfNegative(vector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(vector, ReceiverNativeState.VectorCount);
        RequireFeature(TrampolineFeatures.DeliveryCounters, "CountDeliveries");
        return (long)Volatile.Read(ref State.Counters[vector]);
    }

    public override unsafe bool WaitForDelivery(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        RequireFeature(TrampolineFeatures.WakeWaiter, "WakeWaiter");
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"WaitForDelivery would sleep through its own wake-up on '{_ownerThreadName}', the receiver thread of {_definition.ReceiverTypeName} (it takes no user interrupt while blocked in the kernel); use Wait there.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        long* timespec = stackalloc long[2];
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

            // Slices bound the time a waiter can miss a Dispose; EAGAIN, EINTR and ETIMEDOUT all just re-check.
            long microseconds = deadline is { } end ? Math.Clamp(WaitDeadline.RemainingMicroseconds(end), 1, BlockSliceMicroseconds) : BlockSliceMicroseconds;
            timespec[0] = microseconds / 1_000_000;
            timespec[1] = microseconds % 1_000_000 * 1000;
            FutexSyscall(FutexSyscallNumber, (nint)State.WaiterWord, FutexWaitPrivate, 0, (nint)timespec, 0, 0);
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        // The handler belongs to the registering thread: a finalizer cannot unregister it, so the thread-static
        // reference in HardwarePlatform keeps the page and words alive until the thread exits.
        if (_disposed || !disposing)
        {
            return;
        }

        RequireOwner(nameof(Dispose));
        _disposed = true;
        foreach (var fd in _fds.Values)
        {
            fd.Dispose();
        }

        // Only after the kernel forgot the handler may the code and the words it writes go away.
        _kernel.UnregisterHandler();
        _platform.ForgetReceiver(this);
        _trampoline.Dispose();
        ReleaseWaiters();
        State.Dispose();
    }

    private bool SpinUntilPending(long? deadline)
    {
        int spins = 0;
        while (State.ReadPending() == 0)
        {
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }
            else
            {
                Thread.SpinWait(1);
            }

            // Reading the clock costs more than PAUSE: check the deadline every 64 spins.
            if ((++spins & 63) == 0 && WaitDeadline.HasPassed(deadline))
            {
                return State.ReadPending() != 0;
            }
        }

        return true;
    }

    private bool BlockUntilPending(long? deadline)
    {
        while (State.ReadPending() == 0)
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            if (_kernel.WaitSupportsTimeout)
            {
                // An interrupt delivered between the check above and the system call is already in the pending
                // word, and the kernel would sleep past it: waiting in slices bounds that lost wake-up.
                long microseconds = deadline is { } end
                    ? Math.Max(1, WaitDeadline.RemainingMicroseconds(end))
                    : BlockSliceMicroseconds;
                _kernel.Wait(Math.Min(microseconds, BlockSliceMicroseconds));
            }
            else if (deadline is null)
            {
                // RFC v1 uintr_wait has no timeout: it returns (EINTR) once an interrupt arrives.
                _kernel.Wait(0);
            }
            else
            {
                // RFC v1 cannot time out in the kernel: sleep in 1 ms slices so the core is still given up.
                Thread.Sleep(1);
            }
        }

        return true;
    }

    private const long FutexSyscallNumber = 202;
    private const long FutexWaitPrivate = 0 | 128;
    private const long FutexWakePrivate = 1 | 128;

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long FutexSyscall(long number, nint address, long operation, long value, nint timeout, long argument4, long argument5);

    // No delivery can wake WaitForDelivery callers any more: wake them so they see _disposed and return false.
    private unsafe void ReleaseWaiters()
    {
        if ((_definition.Trampoline.Features & TrampolineFeatures.WakeWaiter) != 0)
        {
            FutexSyscall(FutexSyscallNumber, (nint)State.WaiterWord, FutexWakePrivate, int.MaxValue, 0, 0, 0);
        }
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
