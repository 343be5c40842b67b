using System;

namespace Uintr;

/// <summary>
/// A UINTR system call failed. <see cref="Errno"/> is the errno the kernel returns for the same
/// request (docs/uintr-reference.md section 8), on the hardware backend and on the simulator alike.
/// </summary>
public sealed class UintrException : Exception
{
    /// <summary>Creates the exception for a failed system call.</summary>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="syscall">The system call, for example <c>uintr_register_sender</c>.</param>
    /// <param name="reason">Why the kernel refused, in the kernel's terms.</param>
    public UintrException(Errno errno, string syscall, string reason)
        : base($"{syscall} failed with {errno} ({(int)errno}): {reason}")
    {
        Errno = errno;
        Syscall = syscall;
        Reason = reason;
    }

    /// <summary>The errno (its name is the enum member's name, for example <c>EBUSY</c>).</summary>
    public Errno Errno { get; }

    /// <summary>The system call that failed.</summary>
    public string Syscall { get; }

    /// <summary>Why the kernel refused the call.</summary>
    public string Reason { get; }
}
