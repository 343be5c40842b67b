namespace Uintr.Hardware;

/// <summary>
/// The kernel services the hardware backend uses: the UINTR system calls of one ABI revision plus dup/close.
/// The real implementation is <see cref="UintrSyscalls"/>; tests substitute a recording fake so the backend's
/// own logic runs on machines without UINTR.
/// </summary>
internal interface IUintrKernel
{
    /// <summary>The ABI revision the calls follow.</summary>
    KernelAbi Abi { get; }

    /// <summary>Whether <see cref="Wait"/> honours its timeout (uintr-next) or waits for an interrupt regardless (RFC v1).</summary>
    bool WaitSupportsTimeout { get; }

    void RegisterHandler(nint handler);

    void UnregisterHandler();

    int CreateFd(int vector);

    /// <summary>uintr_alt_stack(sp, size, 0) (uintr-next only): deliver on this stack instead of skipping the red zone.</summary>
    void AltStack(nint stack, ulong size);

    int RegisterSender(int fd);

    void UnregisterSender(int fd, int index);

    /// <summary>uintr_wait: <see langword="true"/> when a user interrupt ended the wait (EINTR), <see langword="false"/> on time-out.</summary>
    bool Wait(long microseconds);

    /// <summary>dup(2).</summary>
    int Duplicate(int fd);

    /// <summary>close(2); failures are ignored (the descriptor is gone either way).</summary>
    void Close(int fd);

    /// <summary>Whether <paramref name="fd"/> (received from another process) is a uintr fd, and its vector.</summary>
    /// <exception cref="UintrException">EBADF: the fd is not open.</exception>
    Ipc.FdIdentity Identify(int fd);
}
