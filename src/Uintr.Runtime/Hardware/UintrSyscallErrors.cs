namespace Uintr.Hardware;

/// <summary>
/// Turns the errno of a failed UINTR system call into <see cref="UintrException"/> with the kernel's
/// reason (docs/uintr-reference.md section 8). Pure: it issues no system call, so it is tested everywhere.
/// </summary>
internal static class UintrSyscallErrors
{
    /// <summary>The exception for <paramref name="errno"/> returned by <paramref name="call"/> under <paramref name="abi"/>.</summary>
    public static UintrException ToException(KernelAbi abi, UintrSyscall call, int errno) =>
        new((Errno)errno, UintrSyscallTable.KernelName(abi, call), Reason(abi, call, (Errno)errno));

    /// <summary>Why <paramref name="call"/> fails with <paramref name="errno"/>, in the kernel's terms.</summary>
    public static string Reason(KernelAbi abi, UintrSyscall call, Errno errno)
    {
        // The "no hardware" errno differs between revisions; on RFC v1 it collides with other EOPNOTSUPP causes.
        var noHardware = abi == KernelAbi.UintrNext ? Errno.ENOSYS : Errno.EOPNOTSUPP;
        const string noHardwareText = "the kernel has no UINTR hardware support";
        const string flagsText = "flags must be 0";

        string? specific = (call, errno) switch
        {
            (UintrSyscall.RegisterHandler, Errno.EBUSY) => "a handler is already registered on this thread",
            (UintrSyscall.RegisterHandler, Errno.EFAULT) => "the handler address is 0",
            (UintrSyscall.RegisterHandler, Errno.EINVAL) => flagsText,

            (UintrSyscall.UnregisterHandler, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",

            (UintrSyscall.CreateFd, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",
            (UintrSyscall.CreateFd, Errno.ENOSPC) => "the vector is 64 or above",
            (UintrSyscall.CreateFd, Errno.EBUSY) => "the vector is already registered by this thread",

            (UintrSyscall.RegisterSender, Errno.EOPNOTSUPP) => abi == KernelAbi.RfcV1
                ? "the fd is not a uintr fd (or the kernel has no UINTR hardware support)"
                : "the fd is not a uintr fd",
            (UintrSyscall.RegisterSender, Errno.EBADF) => "the fd is not an open file descriptor",
            (UintrSyscall.RegisterSender, Errno.EISCONN) => "this thread is already connected to the fd's vector",
            (UintrSyscall.RegisterSender, Errno.ECONNRESET) => "the receiver disabled the vector",
            (UintrSyscall.RegisterSender, Errno.ESHUTDOWN) => "the receiver exited",
            (UintrSyscall.RegisterSender, Errno.ENOSPC) => "the sender's UITT is full",
            (UintrSyscall.RegisterSender, Errno.EINVAL) => flagsText,

            (UintrSyscall.UnregisterSender, Errno.EINVAL) => "there is no such connection (or flags are not 0)",
            (UintrSyscall.UnregisterSender, Errno.EBADF) => "the fd is not an open file descriptor",

            (UintrSyscall.Wait, Errno.EOPNOTSUPP) => abi == KernelAbi.RfcV1
                ? "no handler is registered on this thread (or the kernel has no UINTR hardware support)"
                : "no handler is registered on this thread",
            (UintrSyscall.Wait, Errno.EINVAL) => "the timeout exceeds 1,000,000,000 microseconds (or flags are not 0)",
            (UintrSyscall.Wait, Errno.EINTR) => "a user interrupt (or a signal) arrived",

            (UintrSyscall.RegisterSelf, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",
            (UintrSyscall.RegisterSelf, Errno.ENOSPC) => "the vector is 64 or above, or the UITT is full",
            (UintrSyscall.AltStack, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",
            (UintrSyscall.IpiFd, Errno.EINVAL) => flagsText,
            _ => null,
        };

        if (specific is not null)
        {
            return specific;
        }

        if (errno == noHardware)
        {
            return noHardwareText;
        }

        return errno == Errno.EINTR
            ? "interrupted by a signal"
            : $"unexpected errno {(int)errno} for this call";
    }
}
