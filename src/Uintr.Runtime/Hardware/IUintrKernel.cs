namespace Uintr.Hardware;

/// <summary>
/// The kernel services the hardware backend uses: the UINTR system calls of one ABI revision plus dup/close and a
/// futex sleep. The real implementation is <see cref="UintrSyscalls"/>; tests substitute a kernel that behaves like
/// Intel's trees so the backend's own logic runs on machines without UINTR.
/// </summary>
internal interface IUintrKernel
{
    /// <summary>The ABI revision the calls follow.</summary>
    KernelAbi Abi { get; }

    /// <summary>Whether <see cref="Wait"/> honours its timeout (uintr-next) or may sleep until an interrupt regardless (RFC v1).</summary>
    bool WaitSupportsTimeout { get; }

    /// <summary>uintr_register_handler(handler, flags).</summary>
    void RegisterHandler(nint handler, uint flags);

    void UnregisterHandler();

    int CreateFd(int vector);

    /// <summary>uintr_alt_stack(sp, size, 0) (uintr-next only): the kernel writes <c>sp | 1</c> to STACKADJUST, so <paramref name="stackTop"/> is the TOP.</summary>
    void AltStack(nint stackTop, ulong size);

    int RegisterSender(int fd);

    void UnregisterSender(int fd, int index);

    /// <summary>
    /// uintr_wait through <see cref="WaitWindow"/>: returns <see langword="true"/> when a user interrupt ended (or
    /// prevented) the wait (EINTR), <see langword="false"/> on time-out; other errors (ENOSYS included) throw.
    /// </summary>
    unsafe bool Wait(ulong* pendingWord, long microseconds);

    /// <summary>FUTEX_WAIT on the low half of <paramref name="pendingWord"/> (expected 0) through <see cref="WaitWindow"/>, at most <paramref name="microseconds"/>.</summary>
    unsafe void Sleep(ulong* pendingWord, long microseconds);

    /// <summary>dup(2).</summary>
    int Duplicate(int fd);

    /// <summary>close(2); failures are ignored (the descriptor is gone either way).</summary>
    void Close(int fd);

    /// <summary>Whether <paramref name="fd"/> (received from another process) is a uintr fd, and its vector.</summary>
    /// <exception cref="UintrException">EBADF: the fd is not open.</exception>
    Ipc.FdIdentity Identify(int fd);
}
