using System;
using System.Runtime.InteropServices;

namespace Uintr.Hardware;

/// <summary>
/// The UINTR system calls of the confirmed ABI revision (flags 0 except register_handler's waiting flags). The raw entry point is
/// private and the only way to get an instance is <see cref="Open"/> with a <see cref="HardwareSupport"/>
/// that the live probe confirmed, so no UINTR number is ever issued on a kernel that reuses it
/// (449 is futex_waitv on mainline).
/// </summary>
internal sealed partial class UintrSyscalls : IUintrKernel
{
    /// <summary>uintr-next rejects longer waits with EINVAL.</summary>
    public const long MaxWaitMicroseconds = 1_000_000_000;

    private const uint NoFlags = 0;

    private UintrSyscalls(KernelAbi abi) => Abi = abi;

    /// <summary>The revision whose numbers this instance issues.</summary>
    public KernelAbi Abi { get; }

    /// <summary>The system calls for <paramref name="support"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The support is unavailable, or was not probed on this machine.</exception>
    public static UintrSyscalls Open(HardwareSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        if (!support.IsAvailable)
        {
            throw new PlatformNotSupportedException($"UINTR hardware backend unavailable: {support.UnavailableReason}.");
        }

        if (!support.ProbedOnThisMachine)
        {
            throw new PlatformNotSupportedException(
                "UINTR system calls are only issued after the probe confirmed them on this machine; this hardware support was built from recorded inputs.");
        }

        return new UintrSyscalls(support.Abi ?? throw new PlatformNotSupportedException("The probe confirmed no UINTR system-call ABI."));
    }

    /// <summary>uintr_register_handler(handler, flags); see <see cref="UintrHandlerFlags"/>.</summary>
    public void RegisterHandler(nint handler, uint flags) => Invoke(UintrSyscall.RegisterHandler, handler, flags);

    /// <summary>uintr_unregister_handler(0).</summary>
    public void UnregisterHandler() => Invoke(UintrSyscall.UnregisterHandler, NoFlags);

    /// <summary>uintr_create_fd / uintr_vector_fd(vector, 0): the new fd.</summary>
    public int CreateFd(int vector) => checked((int)Invoke(UintrSyscall.CreateFd, vector, NoFlags));

    /// <summary>uintr_alt_stack(sp, size, 0): the kernel writes sp | 1 and ignores size (uintr-next only; the number table refuses it on RFC v1).</summary>
    public void AltStack(nint stackTop, ulong size) => Invoke(UintrSyscall.AltStack, stackTop, checked((long)size), NoFlags);

    /// <summary>uintr_register_sender(fd, 0): the UITT index.</summary>
    public int RegisterSender(int fd) => checked((int)Invoke(UintrSyscall.RegisterSender, fd, NoFlags));

    /// <summary>uintr_unregister_sender: RFC v1 takes the fd, uintr-next the UITT index.</summary>
    public void UnregisterSender(int fd, int index) =>
        Invoke(UintrSyscall.UnregisterSender, Abi == KernelAbi.RfcV1 ? fd : index, NoFlags);

    /// <summary>Whether uintr_wait can time out (uintr-next takes microseconds; RFC v1 waits until an interrupt).</summary>
    public bool WaitSupportsTimeout => Abi == KernelAbi.UintrNext;

    /// <summary>
    /// uintr_wait through the wait window: returns <see langword="true"/> when a user interrupt ended the wait (the kernel
    /// reports EINTR and delivers on the way out) or was already pending; <see langword="false"/> when the kernel's
    /// timer ran out (it returns 0: uintr-next after <paramref name="microseconds"/>, the RFC-v1-era tree after its
    /// fixed 100 us, arch/x86/kernel/uintr_fd.c sys_uintr_wait, intel/uintr-linux-kernel 2100ffbe).
    /// </summary>
    public unsafe bool Wait(ulong* pendingWord, long microseconds)
    {
        var call = UintrSyscall.Wait;
        long number = UintrSyscallTable.Number(Abi, call);
        long result = Abi == KernelAbi.UintrNext
            ? WaitWindow.Shared.Call(pendingWord, number, Math.Clamp(microseconds, 1, MaxWaitMicroseconds), NoFlags)
            : WaitWindow.Shared.Call(pendingWord, number, NoFlags);
        if (result >= 0)
        {
            return false;
        }

        int errno = (int)-result;
        if (errno == (int)Errno.EINTR)
        {
            return true;
        }

        throw UintrSyscallErrors.ToException(Abi, call, errno);
    }

    /// <summary>FUTEX_WAIT_PRIVATE on the pending word's low half (expected 0), through the wait window; every outcome just returns.</summary>
    public unsafe void Sleep(ulong* pendingWord, long microseconds)
    {
        long* timespec = stackalloc long[2];
        timespec[0] = microseconds / 1_000_000;
        timespec[1] = microseconds % 1_000_000 * 1000;
        _ = WaitWindow.Shared.Call(pendingWord, Futex.SyscallNumber, (nint)pendingWord, Futex.WaitPrivate, 0, (nint)timespec);
    }

    /// <summary>dup(2) of a uintr fd.</summary>
    /// <exception cref="System.IO.IOException">dup failed (EBADF, EMFILE).</exception>
    public int Duplicate(int fd)
    {
        int copy = LibC.Dup(fd);
        if (copy < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new System.IO.IOException($"dup({fd}) failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return copy;
    }

    /// <summary>close(2); Linux releases the descriptor even when close reports an error, so errors are ignored.</summary>
    public void Close(int fd) => _ = LibC.Close(fd);

    /// <summary>What /proc/self/fd and /proc/self/fdinfo say the fd is.</summary>
    public Ipc.FdIdentity Identify(int fd) => Ipc.ProcFdInspector.Identify(fd);

    private long Invoke(UintrSyscall call, long argument0, long argument1 = 0, long argument2 = 0)
    {
        long result = RawSyscall(UintrSyscallTable.Number(Abi, call), argument0, argument1, argument2, 0, 0, 0);
        if (result == -1)
        {
            throw UintrSyscallErrors.ToException(Abi, call, Marshal.GetLastPInvokeError());
        }

        return result;
    }

    // libc's syscall(long number, ...) is variadic; with integer arguments only, passing six longs is
    // ABI-compatible (the kernel ignores the unused ones).
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long RawSyscall(long number, long argument0, long argument1, long argument2, long argument3, long argument4, long argument5);
}
