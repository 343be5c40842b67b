namespace Uintr.Hardware;

/// <summary>
/// Turns the errno of a failed UINTR system call into <see cref="UintrException"/> with the kernel's
/// reason, per kernel tree (docs/uintr-reference.md section 8, docs/hardware.md). Pure: it issues no system call, so it is tested everywhere.
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

        // Per tree: RFC v1 = arch/x86/kernel/uintr_fd.c and uintr_core.c (intel/uintr-linux-kernel 2100ffbe); uintr-next
        // = arch/x86/kernel/uintr.c (fed8dc12). An errno a tree never returns for a call gets the generic text below.
        bool next = abi == KernelAbi.UintrNext;
        string? specific = (call, errno) switch
        {
            (UintrSyscall.RegisterHandler, Errno.EBUSY) => "a handler is already registered on this thread",
            (UintrSyscall.RegisterHandler, Errno.EFAULT) => "the handler address is 0",
            (UintrSyscall.RegisterHandler, Errno.EINVAL) => next
                ? "the flags are not valid (the waiting flags need a kernel built with CONFIG_X86_UINTR_BLOCKING)"
                : flagsText,

            (UintrSyscall.UnregisterHandler, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",

            (UintrSyscall.CreateFd, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",
            (UintrSyscall.CreateFd, Errno.ENOSPC) => "the vector is 64 or above",
            (UintrSyscall.CreateFd, Errno.EBUSY) when !next => "the vector is already registered by this thread",

            (UintrSyscall.RegisterSender, Errno.EOPNOTSUPP) => next
                ? "the fd is not a uintr fd"
                : "the fd is not a uintr fd (or the kernel has no UINTR hardware support)",
            (UintrSyscall.RegisterSender, Errno.EBADF) => "the fd is not an open file descriptor",
            (UintrSyscall.RegisterSender, Errno.EISCONN) when !next => "this thread is already connected to the fd's vector",
            (UintrSyscall.RegisterSender, Errno.ESHUTDOWN) => next
                ? "the receiver thread exited"
                : "the receiver unregistered its handler or exited",
            (UintrSyscall.RegisterSender, Errno.ENOSPC) => "the sender's UITT is full",
            (UintrSyscall.RegisterSender, Errno.EINVAL) => flagsText,

            (UintrSyscall.UnregisterSender, Errno.EINVAL) => next
                ? "there is no sender connection at that UITT index (or flags are not 0)"
                : "this thread has no sender connection through the fd (or flags are not 0)",
            (UintrSyscall.UnregisterSender, Errno.EBADF) when !next => "the fd is not an open file descriptor",
            (UintrSyscall.UnregisterSender, Errno.EOPNOTSUPP) when !next => "the fd is not a uintr fd (or the kernel has no UINTR hardware support)",

            (UintrSyscall.Wait, Errno.EOPNOTSUPP) => next
                ? "no handler is registered on this thread"
                : "no handler is registered on this thread (or the kernel has no UINTR hardware support)",
            (UintrSyscall.Wait, Errno.ENOSYS) when next => "the kernel was built without CONFIG_X86_UINTR_BLOCKING (UINTR works, blocking waits do not), or has no UINTR support",
            (UintrSyscall.Wait, Errno.EINVAL) => next
                ? "the timeout exceeds 1,000,000,000 microseconds (or flags are not 0)"
                : flagsText,
            (UintrSyscall.Wait, Errno.EINTR) => "a user interrupt (or a signal) arrived",

            (UintrSyscall.RegisterSelf, Errno.EINVAL) => "no handler is registered on this thread (or flags are not 0)",
            (UintrSyscall.RegisterSelf, Errno.ENOSPC) => "the vector is 64 or above, or the UITT is full",
            (UintrSyscall.AltStack, Errno.EOPNOTSUPP) => "no handler is registered on this thread",
            (UintrSyscall.AltStack, Errno.EINVAL) => flagsText,
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
