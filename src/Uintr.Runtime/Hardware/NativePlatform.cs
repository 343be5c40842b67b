using System;
using System.Diagnostics;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>
/// What the two backends on real threads (hardware and emulated) share: the host's clock, real threads, spinning on the
/// host CPU, and the checks on an fd before a sender connects to it.
/// </summary>
internal abstract class NativePlatform : UintrPlatform
{
    public sealed override long TimestampFrequency => Stopwatch.Frequency;

    public sealed override long GetTimestamp() => Stopwatch.GetTimestamp();

    public sealed override UintrThread StartThread(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        return new HardwareThread(this, name, body);
    }

    public sealed override bool SpinUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            spinner.SpinOnce();
        }

        return true;
    }

    /// <summary>
    /// <paramref name="fd"/> as this backend's fd type, still open: a closed number would make the kernel answer EBADF
    /// (or, worse, connect to whatever reuses the number).
    /// </summary>
    /// <exception cref="ArgumentException">An fd of another platform.</exception>
    /// <exception cref="UintrException">EBADF: the fd was disposed.</exception>
    protected static TFd OpenFdForSender<TFd>(UintrFd fd)
        where TFd : UintrFd
    {
        ArgumentNullException.ThrowIfNull(fd);
        if (fd is not TFd own)
        {
            throw new ArgumentException($"{fd} belongs to another platform; senders connect only to fds of the same platform.", nameof(fd));
        }

        if (own.IsDisposed)
        {
            throw new UintrException(Errno.EBADF, "uintr_register_sender", $"fd {own.Number} was closed (the UintrFd was disposed)");
        }

        return own;
    }
}
