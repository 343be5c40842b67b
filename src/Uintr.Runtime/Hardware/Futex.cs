using System.Runtime.InteropServices;

namespace Uintr.Hardware;

/// <summary>futex(2) on x86-64 Linux (include/uapi/linux/futex.h, arch/x86/entry/syscalls/syscall_64.tbl).</summary>
internal static unsafe partial class Futex
{
    public const long SyscallNumber = 202;
    public const long WaitPrivate = 0 | 128;
    public const long WakePrivate = 1 | 128;

    /// <summary>
    /// FUTEX_WAIT_PRIVATE for at most <paramref name="microseconds"/> while <paramref name="word"/> holds
    /// <paramref name="expected"/>. Returns on a wake, a change, a signal or the time-out alike: callers re-check.
    /// </summary>
    public static void Wait(uint* word, uint expected, long microseconds)
    {
        long* timespec = stackalloc long[2];
        timespec[0] = microseconds / 1_000_000;
        timespec[1] = microseconds % 1_000_000 * 1000;
        _ = Syscall(SyscallNumber, (nint)word, WaitPrivate, expected, (nint)timespec, 0, 0);
    }

    /// <summary>FUTEX_WAKE_PRIVATE for every thread sleeping on <paramref name="word"/>.</summary>
    public static void WakeAll(uint* word) => _ = Syscall(SyscallNumber, (nint)word, WakePrivate, int.MaxValue, 0, 0, 0);

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, nint address, long operation, long value, nint timeout, long argument4, long argument5);
}
