using System;

namespace Uintr;

/// <summary>
/// The receiving side of one thread: its registered handler, one fd per declared vector, and the
/// pending word the trampoline sets. Handlers run only in <see cref="Poll"/> and <see cref="Wait"/>,
/// on the registering thread, highest vector first. Created by the generated
/// <c>RegisterUserInterrupts(UintrPlatform)</c>; disposing it closes the fds it owns and unregisters the handler.
/// </summary>
public abstract class UintrReceiver : IDisposable
{
    private protected UintrReceiver()
    {
    }

    /// <summary>The platform the receiver is registered on.</summary>
    public abstract UintrPlatform Platform { get; }

    /// <summary>The vectors that have handlers, as a bit mask (bit n = vector n).</summary>
    public abstract ulong Vectors { get; }

    /// <summary>The fd of <paramref name="vector"/>, owned by the receiver (do not dispose it; use <see cref="UintrFd.Duplicate"/> for an owned reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The receiver declares no handler for <paramref name="vector"/>.</exception>
    public abstract UintrFd GetFd(int vector);

    /// <summary>Runs the handlers of all pending vectors, highest first, without waiting.</summary>
    /// <returns>The number of handlers run.</returns>
    public abstract int Poll();

    /// <summary>Parks the thread until at least one vector is pending (or <paramref name="timeout"/> passes), then runs the pending handlers.</summary>
    /// <param name="mode">Spin in user space or block in uintr_wait.</param>
    /// <param name="timeout">The longest wait; <see langword="null"/> waits forever.</param>
    /// <returns>The number of handlers run (0 on time-out).</returns>
    public abstract int Wait(UintrWaitMode mode, TimeSpan? timeout = null);

    /// <summary>Closes the fds the receiver owns and unregisters the handler (uintr_unregister_handler).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the registration.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
