using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Uintr.Ipc;

namespace Uintr;

/// <summary>
/// One end of a connected Unix domain socket pair (AF_UNIX, SOCK_SEQPACKET) that hands open files to another
/// process: <see cref="Send(UintrFd)"/> passes a uintr fd with SCM_RIGHTS and the peer's <see cref="ReceiveFd"/> gets
/// its own reference to the same open file, from which a thread of that process connects a sender. Get a pair from
/// <see cref="UintrPlatform.CreateSocketPair"/>; give one end to the other process by inheritance
/// (<see cref="UintrInheritable"/>) or over another socket.
/// </summary>
/// <remarks>
/// On the hardware backend these are real sockets and real fds. On the simulator they are sockets of the simulated
/// kernel, between simulated processes, with the same rules: an fd in flight keeps its file open even if the sender
/// closes its copy or exits; the last close of a socket end makes the peer read end-of-file and releases the fds it
/// never received. Sending never consumes the caller's reference, so a failed send loses nothing.
/// </remarks>
public abstract class UintrSocket : IDisposable
{
    private protected UintrSocket()
    {
    }

    /// <summary>The socket's file-descriptor number in the owning process.</summary>
    public abstract int Number { get; }

    /// <summary>Whether this end has been disposed.</summary>
    public abstract bool IsDisposed { get; }

    /// <summary>
    /// A connected pair of real sockets of this process, not tied to a UINTR platform: they carry ordinary handles
    /// (<see cref="SendHandle"/>: an eventfd, a memfd) to real child processes on any Linux, whichever backend runs
    /// user interrupts. For uintr fds use <see cref="UintrPlatform.CreateSocketPair"/>.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="UintrException">socketpair(2) failed (for example EMFILE).</exception>
    public static (UintrSocket First, UintrSocket Second) CreateSystemPair() => SystemSocket.CreatePair(kernel: null);

    /// <summary>
    /// Passes <paramref name="fd"/> to the peer (sendmsg with SCM_RIGHTS). The peer gets a new reference to the same
    /// open file; <paramref name="fd"/> stays open and owned by the caller.
    /// </summary>
    /// <exception cref="ObjectDisposedException">This end, or <paramref name="fd"/>, was disposed.</exception>
    /// <exception cref="UintrException">EPIPE: the peer closed its end (or its process exited).</exception>
    /// <exception cref="ArgumentException"><paramref name="fd"/> belongs to another platform than this socket.</exception>
    public abstract void Send(UintrFd fd);

    /// <summary>
    /// Receives the next fd the peer sent, which must be a uintr fd, as a <see cref="UintrFd"/> the caller owns. It
    /// carries the vector the receiver created it for.
    /// </summary>
    /// <param name="timeout">How long to wait for a message; <see langword="null"/> waits as long as the peer is open.</param>
    /// <exception cref="EndOfStreamException">The peer closed its end (or exited) and nothing more is queued.</exception>
    /// <exception cref="UintrException">EOPNOTSUPP: the peer sent a file that is not a uintr fd (it is closed; the message is consumed; the socket stays usable).</exception>
    /// <exception cref="TimeoutException">Nothing arrived within <paramref name="timeout"/>; nothing was consumed.</exception>
    /// <exception cref="InvalidDataException">The message was not one of <see cref="UintrSocket"/>'s (no fd, several fds); any fds in it are closed.</exception>
    public abstract UintrFd ReceiveFd(TimeSpan? timeout = null);

    /// <summary>Passes an ordinary open file (an eventfd, a memfd, a pipe end) to the peer; <paramref name="handle"/> stays the caller's.</summary>
    /// <exception cref="NotSupportedException">A simulator socket: simulated processes exchange only uintr fds and sockets.</exception>
    /// <exception cref="UintrException">EPIPE: the peer closed its end.</exception>
    public abstract void SendHandle(SafeHandle handle);

    /// <summary>Receives the next file the peer sent, whatever its kind, as a handle the caller owns.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits as long as the peer is open.</param>
    /// <exception cref="NotSupportedException">A simulator socket.</exception>
    /// <exception cref="EndOfStreamException">The peer closed its end and nothing more is queued.</exception>
    /// <exception cref="TimeoutException">Nothing arrived within <paramref name="timeout"/>.</exception>
    public abstract SafeFileHandle ReceiveHandle(TimeSpan? timeout = null);

    /// <summary>
    /// Closes this reference to the socket end. When it was the last one (no child still holds an inherited copy), the peer
    /// reads end-of-file and fds sent to this end that were never received are released. A receive blocked on another
    /// thread is not interrupted; give it a timeout.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes this end.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);

    /// <inheritdoc />
    public override string ToString() => $"socket fd {Number}";
}
