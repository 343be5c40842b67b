using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// A receiver on real hardware: the kernel delivers into the linked trampoline (its own executable page),
/// which sets bits in the pending word; handlers run here, on the registering thread, at safe points.
/// </summary>
internal sealed partial class HardwareReceiver : UintrReceiver
{
    /// <summary>The longest single uintr_wait on uintr-next (10 ms): the worst-case delay of a wake-up the kernel loses.</summary>
    internal const long BlockSliceMicroseconds = 10_000;

    /// <summary>
    /// The longest futex sleep when the kernel cannot wake a sleeping receiver (uintr-next without
    /// CONFIG_X86_UINTR_BLOCKING, or an RFC v1 wait with a deadline): the latency a blocked Wait can add.
    /// </summary>
    internal const long SleepSliceMicroseconds = 1_000;

    private readonly HardwarePlatform _platform;
    private readonly IUintrKernel _kernel;
    private readonly UserInterruptReceiverDefinition _definition;
    private readonly ExecutablePage _handlerPage;

    // One delegate for the receiver's lifetime, so dispatching allocates nothing.
    private readonly Action<int> _runHandler;
    private readonly SortedDictionary<int, HardwareFd> _fds;
    private readonly int _ownerThreadId;
    private readonly string _ownerThreadName;
    private readonly bool _kernelWakesSleepers;

    // 1 once Dispose began. Threads other than the owner (WaitForDelivery, GetDeliveryCount) count themselves in
    // _foreignUsers before they look at it, and Dispose frees the native words only after that count drops to 0:
    // with both sides using interlocked operations, either the user sees the flag or Dispose sees the user.
    private int _disposed;
    private int _foreignUsers;

    public HardwareReceiver(
        HardwarePlatform platform,
        IUintrKernel kernel,
        UserInterruptReceiverDefinition definition,
        ReceiverNativeState state,
        ExecutablePage handlerPage,
        IEnumerable<HardwareFd> fds,
        bool kernelWakesSleepers)
    {
        _platform = platform;
        _kernel = kernel;
        _definition = definition;
        _runHandler = vector => RunHandler(_definition.Dispatch, vector);
        State = state;
        _handlerPage = handlerPage;
        _kernelWakesSleepers = kernelWakesSleepers;
        _fds = new SortedDictionary<int, HardwareFd>(fds.ToDictionary(fd => fd.Vector));
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _ownerThreadName = Thread.CurrentThread.Name ?? $"#{_ownerThreadId}";
    }

    public override UintrPlatform Platform => _platform;

    public override ulong Vectors => _definition.VectorMask;

    /// <summary>The words the trampoline writes.</summary>
    internal ReceiverNativeState State { get; }

    /// <summary>The address registered with uintr_register_handler: the wait window's entry stub, which jumps to the trampoline.</summary>
    internal nint HandlerAddress => _handlerPage.Address;

    /// <summary>The generated trampoline, right after the entry stub.</summary>
    internal nint TrampolineAddress => _handlerPage.Address + WaitWindow.EntryStubLength;

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Whether a blocked receiver is woken by the kernel (uintr_wait) rather than sleeping in bounded slices.</summary>
    internal bool KernelWakesSleepers => _kernelWakesSleepers;

    public override UintrFd GetFd(int vector)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
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

    private int Dispatch() => PendingVectorDispatcher.DispatchAll(State, _definition.VectorMask, _runHandler, ref DroppedUndeclaredVectorsCounter);

    public override unsafe long GetDeliveryCount(int vector)
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

    public override unsafe bool WaitForDelivery(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        RequireFeature(TrampolineFeatures.WakeWaiter, "WakeWaiter");
        if (Environment.CurrentManagedThreadId == _ownerThreadId)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver));
            throw new InvalidOperationException(
                $"WaitForDelivery would sleep through its own wake-up on '{_ownerThreadName}', the receiver thread of {_definition.ReceiverTypeName} (it takes no user interrupt while blocked in the kernel); use Wait there.");
        }

        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        if (!TryEnterForeign())
        {
            return false;   // disposed: no delivery can come any more
        }

        try
        {
            long* timespec = stackalloc long[2];
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
                long microseconds = deadline is { } end ? Math.Clamp(WaitDeadline.RemainingMicroseconds(end), 1, BlockSliceMicroseconds) : BlockSliceMicroseconds;
                timespec[0] = microseconds / 1_000_000;
                timespec[1] = microseconds % 1_000_000 * 1000;
                FutexSyscall(Futex.SyscallNumber, (nint)waiterWord, Futex.WaitPrivate, 0, (nint)timespec, 0, 0);
            }

            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _foreignUsers);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The handler belongs to the registering thread: a finalizer cannot unregister it, so KernelReferencedMemory
        // keeps the page and words alive (for good, if the thread exits without Dispose).
        if (IsDisposed || !disposing)
        {
            return;
        }

        RequireOwner(nameof(Dispose));
        Interlocked.Exchange(ref _disposed, 1);
        foreach (var fd in _fds.Values)
        {
            fd.Dispose();
        }

        // Only after the kernel forgot the handler may the code and the words it writes go away. If unregistering
        // fails, the receiver stays rooted in KernelReferencedMemory and nothing is freed.
        _kernel.UnregisterHandler();
        _platform.ForgetReceiver(this);
        _handlerPage.Dispose();
        ReleaseWaitersAndFree();
        KernelReferencedMemory.Release(this);
    }

    /// <summary>Counts a thread other than the owner in before it touches the native words; false once Dispose has begun.</summary>
    private bool TryEnterForeign()
    {
        Interlocked.Increment(ref _foreignUsers);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Decrement(ref _foreignUsers);
            return false;
        }

        return true;
    }


    private unsafe bool BlockUntilPending(long? deadline)
    {
        while (State.ReadPending() == 0)
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            long remaining = deadline is { } end ? Math.Max(1, WaitDeadline.RemainingMicroseconds(end)) : long.MaxValue;
            if (!_kernelWakesSleepers || _platform.KernelCannotWakeSleepers || (!_kernel.WaitSupportsTimeout && deadline is not null))
            {
                // Nothing wakes this thread from a sleep (uintr-next without CONFIG_X86_UINTR_BLOCKING), or the kernel's
                // wait cannot be bounded (RFC v1 as posted): sleep in short slices. On each return to user space the
                // kernel re-sends what was posted meanwhile, and the wait window keeps a delivery from being slept through.
                _kernel.Sleep(State.PendingWord, Math.Min(remaining, SleepSliceMicroseconds));
            }
            else if (_kernel.WaitSupportsTimeout)
            {
                // The wait window closes the user-space race; the slices bound the kernel's own (uintr_wait does not look
                // at pending interrupts before it sleeps).
                WaitInKernel(Math.Min(remaining, BlockSliceMicroseconds));
            }
            else
            {
                // RFC v1: the GitHub tree's uintr_wait returns 0 after 100 us, the LKML posting's only on an interrupt.
                WaitInKernel(0);
            }
        }

        return true;
    }

    private unsafe void WaitInKernel(long microseconds)
    {
        try
        {
            _kernel.Wait(State.PendingWord, microseconds);
        }
        catch (UintrException e) when (e.Errno == Errno.ENOSYS && _kernel.Abi == KernelAbi.UintrNext)
        {
            // uintr_wait answers ENOSYS when the kernel was built without CONFIG_X86_UINTR_BLOCKING (sys_uintr_wait in
            // arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12): UINTR works, blocking waits do not. Sleep in
            // slices from now on.
            _platform.NoteKernelCannotWakeSleepers();
            _kernel.Sleep(State.PendingWord, Math.Min(microseconds, SleepSliceMicroseconds));
        }
    }

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long FutexSyscall(long number, nint address, long operation, long value, nint timeout, long argument4, long argument5);

    // No delivery can wake WaitForDelivery callers any more: wake them until every one has left, then free the words.
    private unsafe void ReleaseWaitersAndFree()
    {
        bool wakes = (_definition.Trampoline.Features & TrampolineFeatures.WakeWaiter) != 0;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _foreignUsers) != 0)
        {
            if (wakes)
            {
                FutexSyscall(Futex.SyscallNumber, (nint)State.WaiterWord, Futex.WakePrivate, int.MaxValue, 0, 0, 0);
            }

            spinner.SpinOnce();
        }

        State.Dispose();
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
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrReceiver)); // the public type, not the backend's
        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            string caller = Thread.CurrentThread.Name ?? $"#{Environment.CurrentManagedThreadId}";
            throw new InvalidOperationException(
                $"{operation} must run on thread '{_ownerThreadName}', which registered {_definition.ReceiverTypeName}: the handler and UPID belong to that thread (called from '{caller}').");
        }
    }
}
