using System.Runtime.InteropServices;

namespace Uintr.Emulation;

/// <summary>The libc calls of the emulated backend (signal dispositions, futex, a descriptor per uintr fd).</summary>
internal static unsafe partial class EmulationNative
{
    public const int SaSiginfo = 0x4;
    public const int SaOnStack = 0x08000000;
    public const int SaRestart = 0x10000000;

    public const long SysGettid = 186;

    /// <summary>The first and last real-time signals the backend may take: glibc keeps 32 and 33, .NET owns 34 (SIGRTMIN).</summary>
    public const int FirstCandidateSignal = 35;
    public const int LastCandidateSignal = 64;

    private const string Library = "libc";
    private const int EfdCloexec = 0x80000;

    /// <summary>glibc's struct sigaction on x86-64: handler, 1024-bit mask, flags, restorer (152 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SignalAction
    {
        public nint Handler;
        public fixed ulong Mask[16];
        public int Flags;
        public int Padding;
        public nint Restorer;

        public void AddToMask(int signal) => Mask[(signal - 1) / 64] |= 1UL << ((signal - 1) % 64);

        public readonly bool MaskContains(int signal) => (Mask[(signal - 1) / 64] & (1UL << ((signal - 1) % 64))) != 0;
    }

    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    public static partial int Sigaction(int signal, SignalAction* action, SignalAction* previous);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, nint argument0, nint argument1, nint argument2, nint argument3, nint argument4, nint argument5);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport(Library, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>The calling thread's kernel thread id (gettid).</summary>
    public static int CurrentThreadId() => (int)Syscall(SysGettid, 0, 0, 0, 0, 0, 0);

    /// <summary>A close-on-exec descriptor that stands for one uintr fd, so its number is a real, unique one.</summary>
    public static int NewDescriptor()
    {
        int fd = EventFd(0, EfdCloexec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new System.IO.IOException($"eventfd failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return fd;
    }

    /// <summary>The current disposition of <paramref name="signal"/>.</summary>
    public static SignalAction Query(int signal)
    {
        SignalAction current;
        if (Sigaction(signal, null, &current) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new System.InvalidOperationException($"sigaction({signal}) failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return current;
    }
}
