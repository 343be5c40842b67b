namespace Uintr;

/// <summary>
/// The Linux errno values that the UINTR system calls return (docs/uintr-reference.md section 8),
/// with their x86-64 Linux numbers so that hardware and simulator report the same value.
/// </summary>
public enum Errno
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Interrupted system call: uintr_wait returns it when a user interrupt arrives.</summary>
    EINTR = 4,
    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,
    /// <summary>Try again: a non-blocking call found nothing to do (a socket with no message queued).</summary>
    EAGAIN = 11,
    /// <summary>Bad address: register_handler with handler address 0.</summary>
    EFAULT = 14,
    /// <summary>Busy: handler already registered, or vector already registered by this thread.</summary>
    EBUSY = 16,
    /// <summary>Invalid argument: flags not zero, no handler, no connection, wait timeout too large.</summary>
    EINVAL = 22,
    /// <summary>No space: vector 64 or above, or the UITT is full.</summary>
    ENOSPC = 28,
    /// <summary>Broken pipe: sendmsg on a socket whose peer closed its end.</summary>
    EPIPE = 32,
    /// <summary>Function not implemented: the uintr-next kernel without hardware support.</summary>
    ENOSYS = 38,
    /// <summary>Not a socket: an fd-passing call on an fd that is not a socket.</summary>
    ENOTSOCK = 88,
    /// <summary>Operation not supported: no hardware (RFC v1), a non-uintr fd, or wait without a handler.</summary>
    EOPNOTSUPP = 95,
    /// <summary>Connection reset: the receiver unregistered the vector.</summary>
    ECONNRESET = 104,
    /// <summary>Already connected: this sender already holds a UITT entry for the fd.</summary>
    EISCONN = 106,
    /// <summary>Shut down: the receiver exited.</summary>
    ESHUTDOWN = 108,
}
