namespace Uintr.Simulation.Kernel;

/// <summary>Constants the UINTR kernel programs into the hardware (docs/uintr-reference.md section 8).</summary>
internal static class KernelConstants
{
    /// <summary>The user-IPI notification vector: UINV = UPID.NV = 0xEC.</summary>
    public const byte NotificationVector = 0xEC;

    /// <summary>The vector a blocked uintr_wait task is woken with.</summary>
    public const byte BlockedWaitVector = 0xEB;

    /// <summary>IA32_UINTR_STACKADJUST written by Linux: skip the 128-byte red zone.</summary>
    public const ulong StackAdjust = 128;

    /// <summary>UITT entries Linux allocates (4 KiB table): UITTSZ = 255.</summary>
    public const int UittEntries = 256;

    /// <summary>User vectors per thread.</summary>
    public const int VectorCount = 64;

    /// <summary>The first fd number handed out (0-2 are stdin, stdout, stderr).</summary>
    public const int FirstFd = 3;

    /// <summary>
    /// uintr_wait's largest timeout in microseconds (uintr-next: UINTR_WAIT_MAX_USEC, 1000 s, arch/x86/kernel/uintr.c at
    /// fed8dc12).
    /// </summary>
    public const ulong MaxWaitMicroseconds = 1_000_000_000;

    /// <summary>
    /// RFC v1's uintr_wait takes no timeout and sleeps at most 100 us ("For now, use a default timeout value of 100 usec",
    /// sys_uintr_wait in arch/x86/kernel/uintr_fd.c at 2100ffbe).
    /// </summary>
    public const ulong RfcV1WaitMicroseconds = 100;
}
