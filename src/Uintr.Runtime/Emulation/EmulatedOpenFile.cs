using System;
using System.Collections.Generic;
using System.Threading;

namespace Uintr.Emulation;

/// <summary>
/// The open file behind a vector's fds: the receiver's vector, its references and the senders connected to it.
/// The last close clears the vector's PIR bit (as uintr-next's receiver_clear_uvec does) and invalidates every
/// connected UITT entry, as the RFC v1 kernel's uintrfd_release does, so a later send is refused.
/// </summary>
internal sealed class EmulatedOpenFile
{
    private readonly Lock _lock = new();
    private readonly List<EmulatedSender> _senders = new();
    private int _references = 1;
    private bool _receiverGone;

    // Weak: a sender or a duplicated fd must not keep the receiver (and its block in the handlers' table) alive after
    // its thread is gone; the receiver's finalizer retires the block then.
    private readonly WeakReference<EmulatedReceiver> _receiver;
    private readonly int _slot;

    public EmulatedOpenFile(EmulatedReceiver receiver, int vector)
    {
        _receiver = new WeakReference<EmulatedReceiver>(receiver);
        _slot = receiver.Slot;
        Vector = vector;
    }

    public int Vector { get; }

    public EmulatedFd Duplicate(int number)
    {
        int copy = EmulationNative.Dup(number);
        if (copy < 0)
        {
            throw new System.IO.IOException($"dup({number}) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        lock (_lock)
        {
            _references++;
        }

        return new EmulatedFd(this, copy);
    }

    /// <summary>uintr_register_sender: a UITT entry for this vector.</summary>
    public EmulatedSender Connect(EmulatedPlatform platform)
    {
        lock (_lock)
        {
            if (_receiverGone || !_receiver.TryGetTarget(out _))
            {
                throw new UintrException(Errno.ESHUTDOWN, "uintr_register_sender", "the receiver unregistered its handler");
            }

            if (_references == 0)
            {
                throw new UintrException(Errno.EBADF, "uintr_register_sender", "the fd is closed");
            }

            int thread = Environment.CurrentManagedThreadId;
            foreach (var sender in _senders)
            {
                if (sender.OwnerThreadId == thread && !sender.IsDisposed)
                {
                    throw new UintrException(Errno.EISCONN, "uintr_register_sender", $"this thread is already connected to vector {Vector} (UITT index {sender.Index})");
                }
            }

            int index = platform.Machine.AllocateUittEntry(_slot, Vector);
            var created = new EmulatedSender(platform.Machine, this, index);
            _senders.Add(created);
            return created;
        }
    }

    /// <summary>A sender disposed itself: its entry is free.</summary>
    public void Disconnect(EmulatedSender sender)
    {
        lock (_lock)
        {
            _senders.Remove(sender);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            if (--_references > 0)
            {
                return;
            }

            InvalidateSenders();
        }

        if (_receiver.TryGetTarget(out var receiver))
        {
            receiver.VectorClosed(Vector);
        }
    }

    /// <summary>The receiver unregistered: every connection is dead.</summary>
    public void ReceiverGone()
    {
        lock (_lock)
        {
            _receiverGone = true;
            InvalidateSenders();
        }
    }

    private void InvalidateSenders()
    {
        foreach (var sender in _senders)
        {
            sender.Invalidate();
        }
    }
}
