using System.Runtime.InteropServices;

namespace Uintr.Hardware;

/// <summary>The ordinary libc calls the hardware backend needs (none of them is a UINTR call).</summary>
internal static partial class LibC
{
    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int ProtExec = 4;
    public const int MapPrivate = 0x02;
    public const int MapAnonymous = 0x20;

    /// <summary>mmap's failure value, (void*)-1.</summary>
    public static readonly nint MapFailed = -1;

    // "libc" is mapped to the C library's soname by the runtime's native-library loader on Linux.
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Library, EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);
}
