using System;
using System.Collections.Generic;
using System.Numerics;
using Uintr.CompilerServices;

namespace Uintr.Simulation.Hosting;

/// <summary>
/// A receiver on the simulator: the trampoline linked into a page of simulated memory, the pending word it sets, and
/// the fds of its vectors. Handlers run in <see cref="Poll"/> and <see cref="Wait"/> on the owning thread.
/// </summary>
internal sealed class SimulatedReceiver : UintrReceiver
{
    private readonly SimulationHost _host;
    private readonly HostedThread _owner;
    private readonly UserInterruptReceiverDefinition _definition;
    private readonly SortedDictionary<int, SimulatedFd> _fds = new();
    private bool _disposed;

    /// <summary>The delivery counters: one 64-bit word per vector.</summary>
    public const int CounterCount = 64;

    /// <summary>The alternate stack of an AlternateStack receiver.</summary>
    public const ulong AlternateStackSize = UserInterruptReceiverAttribute.AlternateStackSize;

    public SimulatedReceiver(
        SimulationHost host,
        HostedThread owner,
        UserInterruptReceiverDefinition definition,
        ulong pendingWordAddress,
        ulong trampolineAddress,
        ulong counterArrayAddress = 0,
        ulong waiterWordAddress = 0)
    {
        CounterArrayAddress = counterArrayAddress;
        WaiterWordAddress = waiterWordAddress;
        _host = host;
        _owner = owner;
        _definition = definition;
        PendingWordAddress = pendingWordAddress;
        TrampolineAddress = trampolineAddress;
    }

    public override UintrPlatform Platform => _host.Platform;

    public override ulong Vectors => _definition.VectorMask;

    /// <summary>The optional behaviours compiled into the trampoline.</summary>
    public TrampolineFeatures Features => _definition.Trampoline.Features;

    public ulong PendingWordAddress { get; }

    public ulong TrampolineAddress { get; }

    /// <summary>The 64 delivery counters the trampoline increments, or 0 without DeliveryCounters.</summary>
    public ulong CounterArrayAddress { get; }

    /// <summary>The 32-bit word the trampoline sets before its FUTEX_WAKE, or 0 without WakeWaiter.</summary>
    public ulong WaiterWordAddress { get; }

    /// <summary>The lowest address of the alternate stack registered with uintr_alt_stack, or 0 without one.</summary>
    public ulong AlternateStackBase { get; set; }

    /// <summary>Whether the trampoline has set a bit the handlers have not consumed.</summary>
    public bool HasPending => _host.Machine.Memory.ReadUInt64(PendingWordAddress) != 0;

    /// <summary>
    /// Whether a blocked Wait sleeps in 1 ms futex slices because nothing would wake it from uintr_wait (uintr-next
    /// without CONFIG_X86_UINTR_BLOCKING: the waiting flag was refused, or uintr_wait answered ENOSYS).
    /// </summary>
    public bool SleepInSlices { get; set; }

    public void AddFd(SimulatedFd fd) => _fds.Add(fd.Vector, fd);

    public override UintrFd GetFd(int vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        return _fds.TryGetValue(vector, out var fd)
            ? fd
            : throw new ArgumentOutOfRangeException(nameof(vector), vector, $"{_definition.ReceiverTypeName} declares no handler for vector {vector} (it handles {string.Join(", ", _fds.Keys)}).");
    }

    public override int Poll()
    {
        var thread = RequireOwner(nameof(Poll));
        return DispatchPending(thread);
    }

    public override int Wait(UintrWaitMode mode, TimeSpan? timeout = null)
    {
        var thread = RequireOwner(nameof(Wait));
        if (mode is not (UintrWaitMode.Spin or UintrWaitMode.Block))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown wait mode.");
        }

        long? deadline = timeout is { } span ? _host.Now + _host.Platform.ToCycles(span) : null;
        return mode == UintrWaitMode.Spin ? WaitSpinning(thread, deadline) : WaitBlocked(thread, deadline);
    }

    /// <summary>
    /// Blocks in uintr_wait until an interrupt arrives (EINTR) or the deadline passes, then runs the handlers. uintr-next
    /// sleeps at most the usec it is given, at most UINTR_WAIT_MAX_USEC (arch/x86/kernel/uintr.c at fed8dc12), so it is
    /// given the time left, capped there, or the cap when there is no deadline; RFC v1 sleeps at most 100 us whatever
    /// it is given (arch/x86/kernel/uintr_fd.c at 2100ffbe). A 0 return (the timer expired) means: wait again.
    /// </summary>
    private int WaitBlocked(HostedThread thread, long? deadline)
    {
        var kernel = _host.Machine.Kernel;
        while (true)
        {
            int ran = DispatchPending(thread);
            if (ran > 0 || (deadline is { } limit && _host.Now >= limit))
            {
                return ran;
            }

            long frequency = _host.Platform.TimestampFrequency;
            ulong usec = deadline is { } end
                ? (ulong)Int128.Clamp((((Int128)(end - _host.Now) * 1_000_000) + frequency - 1) / frequency, 1, Kernel.KernelConstants.MaxWaitMicroseconds)
                : Kernel.KernelConstants.MaxWaitMicroseconds;
            if (SleepInSlices)
            {
                SleepSlice(thread, deadline);
                continue;
            }

            var result = _host.BlockingSyscall(thread, "uintr_wait", task => kernel.Wait(task, usec, 0), deadline);
            if (result.Failed && result.Error == Errno.ENOSYS && kernel.Abi == KernelAbi.UintrNext)
            {
                // No CONFIG_X86_UINTR_BLOCKING: as on hardware, sleep in short slices from now on.
                SleepInSlices = true;
            }
            else if (result.Failed && result.Error != Errno.EINTR)
            {
                result.ThrowIfFailed("uintr_wait");
            }
        }
    }

    /// <summary>FUTEX_WAIT on the pending word for at most the hardware backend's sleep slice (1 ms) or until the deadline.</summary>
    private void SleepSlice(HostedThread thread, long? deadline)
    {
        long slice = _host.Now + _host.Platform.ToCycles(TimeSpan.FromMilliseconds(1));
        long until = deadline is { } end ? Math.Min(end, slice) : slice;
        var machine = _host.Machine;
        var result = _host.BlockingSyscall(thread, "futex_wait", task => machine.Kernel.FutexWaitOn(task, PendingWordAddress, 0), until);
        if (result.Failed && result.Error is not (Kernel.UintrKernel.EAGAIN or Errno.EINTR))
        {
            result.ThrowIfFailed("futex_wait");
        }
    }

    private int WaitSpinning(HostedThread thread, long? deadline)
    {
        int ran = DispatchPending(thread);
        bool madeProgress = true;
        while (ran == 0)
        {
            if (deadline is { } limit && _host.Now >= limit)
            {
                return 0;
            }

            _host.WaitForPending(thread, this, deadline, madeProgress);
            madeProgress = false;
            ran = DispatchPending(thread);
        }

        return ran;
    }

    public override long GetDeliveryCount(int vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        ArgumentOutOfRangeException.ThrowIfNegative(vector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(vector, CounterCount);
        RequireFeature(CounterArrayAddress, TrampolineFeatures.DeliveryCounters, "CountDeliveries");
        var thread = _host.Current();
        _host.Consume(thread, _host.Machine.Timing.LoadCycles);
        return (long)_host.Machine.Memory.ReadUInt64(CounterArrayAddress + ((ulong)vector * sizeof(ulong)));
    }

    /// <summary>
    /// FUTEX_WAIT on the waiter word (expected 0) until the trampoline sets it and wakes a sleeper, then clears it with an
    /// exchange. The receiver thread itself is refused: blocked in the kernel it takes no user interrupt (SN is set), so
    /// nothing would run the trampoline that wakes it; it uses uintr_wait (<see cref="Wait"/>).
    /// </summary>
    public override bool WaitForDelivery(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        RequireFeature(WaiterWordAddress, TrampolineFeatures.WakeWaiter, "WakeWaiter");
        var thread = _host.Current();
        if (thread == _owner)
        {
            throw new InvalidOperationException(
                $"WaitForDelivery would sleep through its own wake-up on '{_owner.Name}', the receiver thread of {_definition.ReceiverTypeName} (it takes no user interrupt while blocked in the kernel); use Wait there.");
        }

        var machine = _host.Machine;
        long? deadline = timeout is { } span ? _host.Now + _host.Platform.ToCycles(span) : null;
        while (true)
        {
            // XCHG with 0: consumes the signal, and a delivery after it sets the word again.
            _host.Consume(thread, machine.Timing.LockedRmwCycles);
            if (machine.Memory.ReadUInt32(WaiterWordAddress) != 0)
            {
                machine.Memory.WriteUInt32(WaiterWordAddress, 0);
                return true;
            }

            if (_disposed || (deadline is { } limit && _host.Now >= limit))
            {
                return false;
            }

            var result = _host.BlockingSyscall(thread, "futex_wait", task => machine.Kernel.FutexWaitOn(task, WaiterWordAddress, 0), deadline);
            if (result.Failed && result.Error is not (Kernel.UintrKernel.EAGAIN or Errno.EINTR))
            {
                result.ThrowIfFailed("futex_wait");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
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

        _host.Syscall("uintr_unregister_handler", thread => _host.Machine.Kernel.UnregisterHandler(thread.Task, 0));
        _owner.Receiver = null;
        if (WaiterWordAddress != 0)
        {
            // No delivery can wake the waiters any more: let them return false instead of sleeping forever.
            var machine = _host.Machine;
            machine.Kernel.FutexWakeOn(WaiterWordAddress, int.MaxValue, _host.Now, machine.Timing.WakeupCycles, machine.Timing.RestoreStepCycles);
        }
    }

    /// <summary>Takes pending vectors one at a time, highest first, and runs their handlers; a throwing handler leaves the rest pending.</summary>
    private int DispatchPending(HostedThread thread)
    {
        var machine = _host.Machine;
        var memory = machine.Memory;
        _host.Consume(thread, machine.Timing.LoadCycles);
        int ran = 0;
        while (true)
        {
            ulong word = memory.ReadUInt64(PendingWordAddress);
            if (word == 0)
            {
                return ran;
            }

            ulong undeclared = word & ~_definition.VectorMask;
            if (undeclared != 0)
            {
                // A post meant for an earlier receiver of this thread (uintr-next keeps the UPID): take it and count it,
                // never dispatch it (the generated dispatch has no handler for it).
                memory.WriteUInt64(PendingWordAddress, word & _definition.VectorMask);
                System.Threading.Interlocked.Add(ref DroppedUndeclaredVectorsCounter, BitOperations.PopCount(undeclared));
                _host.Consume(thread, machine.Timing.LockedRmwCycles);
                continue;
            }

            // LOCK AND of the highest bit: one atomic step, so a delivery in between is never lost.
            int vector = 63 - BitOperations.LeadingZeroCount(word);
            memory.WriteUInt64(PendingWordAddress, word & ~(1UL << vector));
            long posted = machine.TakeDeliveredPostTime(thread.Core, vector);
            if (posted >= 0)
            {
                machine.Statistics.DispatchLatency.Add(_host.Now - posted);
            }

            machine.Statistics.Dispatches++;
            machine.Record(_host.Now, thread.Core, SimulationEventKind.Dispatch, vector, _definition.ReceiverTypeName);
            _host.Consume(thread, machine.Timing.LockedRmwCycles + machine.Timing.ManagedDispatchCycles);
            ran++;
            RunHandler(_definition.Dispatch, vector);
        }
    }

    private void RequireFeature(ulong address, TrampolineFeatures feature, string option)
    {
        if (address == 0)
        {
            throw new InvalidOperationException($"{_definition.ReceiverTypeName} was generated without {feature}: add [UserInterruptReceiver({option} = true)] to the type.");
        }
    }

    private HostedThread RequireOwner(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrReceiver)); // the public type, not the backend's
        var thread = _host.Current();
        if (thread != _owner)
        {
            throw new InvalidOperationException(
                $"{operation} must run on thread '{_owner.Name}', which registered {_definition.ReceiverTypeName}: the handler and UPID belong to that thread (called from '{thread.Name}').");
        }

        return thread;
    }
}
