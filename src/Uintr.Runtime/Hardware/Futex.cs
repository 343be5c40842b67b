namespace Uintr.Hardware;

/// <summary>futex(2) numbers for x86-64 Linux (include/uapi/linux/futex.h, arch/x86/entry/syscalls/syscall_64.tbl).</summary>
internal static class Futex
{
    public const long SyscallNumber = 202;
    public const long WaitPrivate = 0 | 128;
    public const long WakePrivate = 1 | 128;
}
