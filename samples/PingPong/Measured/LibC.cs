using System.Runtime.InteropServices;

namespace PingPong.Measured;

/// <summary>The libc calls the measured baselines use. Every call is an ordinary blocking call made from managed code.</summary>
internal static unsafe partial class LibC
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ETIMEDOUT = 110;

    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int EFD_CLOEXEC = 0x80000;
    public const int O_CLOEXEC = 0x80000;

    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;
    public const int SIG_BLOCK = 0;
    public const int SIG_SETMASK = 2;

    /// <summary>glibc's sigset_t: 1024 bits.</summary>
    public const int SigsetBytes = 128;

    public const long SYS_futex = 202;
    public const int FUTEX_WAIT_PRIVATE = 0 | 128;
    public const int FUTEX_WAKE_PRIVATE = 1 | 128;

    private const string Library = "libc";

    /// <summary>struct timespec on x86-64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int Eventfd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(Library, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int Socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "getpid")]
    public static partial int Getpid();

    [LibraryImport(Library, EntryPoint = "gettid")]
    public static partial int Gettid();

    [LibraryImport(Library, EntryPoint = "tgkill", SetLastError = true)]
    public static partial int Tgkill(int processId, int threadId, int signal);

    [LibraryImport(Library, EntryPoint = "sigemptyset", SetLastError = true)]
    public static partial int Sigemptyset(byte* set);

    [LibraryImport(Library, EntryPoint = "sigaddset", SetLastError = true)]
    public static partial int Sigaddset(byte* set, int signal);

    /// <summary>Returns an error number (not -1 with errno), as every pthread function does.</summary>
    [LibraryImport(Library, EntryPoint = "pthread_sigmask")]
    public static partial int PthreadSigmask(int how, byte* set, byte* oldSet);

    [LibraryImport(Library, EntryPoint = "sigtimedwait", SetLastError = true)]
    public static partial int Sigtimedwait(byte* set, void* info, Timespec* timeout);

    /// <summary>syscall(2) with six register-wide arguments (syscall is variadic: every argument is passed as a full register).</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    /// <summary>futex(2), which has no glibc wrapper.</summary>
    public static int Futex(int* address, int operation, int value, Timespec* timeout) =>
        (int)Syscall((nint)SYS_futex, (nint)address, operation, value, (nint)timeout, 0, 0);

    public static int LastError => Marshal.GetLastPInvokeError();
}
