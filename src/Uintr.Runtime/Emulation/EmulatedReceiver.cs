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
internal sealed unsafe class EmulatedReceiver : NativeReceiver
{
    /// <summary>The longest single futex sleep of a blocked owner (bounds how late a Dispose on another path is seen).</summary>
    internal const long BlockSliceMicroseconds = 10_000;

    private readonly EmulatedPlatform _platform;
    private readonly ExecutablePage _trampoline;
    private readonly List<EmulatedOpenFile> _files = new();

    public EmulatedReceiver(EmulatedPlatform platform, UserInterruptReceiverDefinition definition, ReceiverNativeState state, ExecutablePage trampoline, int slot)
        : base(definition, state)
    {
        _platform = platform;
        _trampoline = trampoline;
        Slot = slot;

        // The words are freed here, after the block left the handlers' table, never by a finalizer of their own.
        GC.SuppressFinalize(state);
        for (int vector = 0; vector < ReceiverNativeState.VectorCount; vector++)
        {
            if ((definition.VectorMask & (1UL << vector)) != 0)
            {
                var file = new EmulatedOpenFile(this, vector);
                _files.Add(file);
                AddFd(vector, new EmulatedFd(file, EmulationNative.NewDescriptor()));
            }
        }
    }

    public override UintrPlatform Platform => _platform;

    /// <summary>The receiver block's slot in the process-wide table.</summary>
    internal int Slot { get; }

    /// <summary>The address the signal handler delivers to.</summary>
    internal nint TrampolineAddress => _trampoline.Address;

    /// <summary>Deliveries into the trampoline (counted by the signal handlers).</summary>
    internal long Deliveries => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Deliveries));

    /// <summary>Notification signals this receiver processed.</summary>
    internal long Notifications => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Notifications));

    /// <summary>UIRETs the SIGILL handler emulated for this receiver.</summary>
    internal long Uirets => (long)Volatile.Read(ref *(ulong*)(_platform.Machine.Block(Slot) + EmulationLayout.Uirets));

    /// <summary>Pending bits for vectors this receiver does not declare (a stale post from a previous owner of the block), dropped.</summary>
    internal long DroppedVectors => DroppedUndeclaredVectors;

    /// <summary>The receiver's last fd for <paramref name="vector"/> was closed: the vector no longer receives.</summary>
    internal void VectorClosed(int vector)
    {
        if (!IsDisposed)
        {
            Interlocked.And(ref *(ulong*)(_platform.Machine.Block(Slot) + UpidPir), ~(1UL << vector));
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The block belongs to the registering thread's handlers: only that thread can retire it safely.
        if (!disposing || !BeginDispose())
        {
            return;
        }

        // CLUI first, then hide the block: no delivery can enter the trampoline once it is unmapped.
        _platform.Machine.Clui();
        _platform.Machine.Retire(Slot);
        foreach (var file in _files)
        {
            file.ReceiverGone();
        }

        foreach (var fd in Fds)
        {
            fd.Dispose();
        }

        _platform.ForgetReceiver(this);
        _trampoline.Dispose();
        ReleaseWaitersAndFree();
    }

    /// <summary>
    /// Runs only once the registering thread is gone (its thread-static reference kept the receiver alive until then):
    /// the block leaves the handlers' table before a new thread can reuse the thread id, and senders learn the
    /// connection is dead. The words go after that; the trampoline page is a SafeHandle, released after every
    /// ordinary finalizer.
    /// </summary>
    ~EmulatedReceiver()
    {
        if (BeginFinalize())
        {
            _platform.Machine.Retire(Slot);
            foreach (var file in _files)
            {
                file.ReceiverGone();
            }

            State.Dispose();
        }
    }

    /// <summary>
    /// Sleeps in FUTEX_WAIT on the receiver block's word. The notification handler sets the word before it delivers,
    /// so a notification that lands between the pending check and the system call makes the (restarted) call return
    /// at once instead of sleeping through it.
    /// </summary>
    protected override bool BlockUntilPending(long? deadline)
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

            Futex.Wait(word, 0, WaitDeadline.Slice(deadline, BlockSliceMicroseconds));
        }

        return true;
    }
}
