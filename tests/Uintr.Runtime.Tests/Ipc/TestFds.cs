using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Uintr.Runtime.Tests.Ipc;

/// <summary>Real eventfds for the fd-passing tests: ordinary files, and stand-ins for uintr fds (the counter holds the vector).</summary>
internal static unsafe partial class TestFds
{
    /// <summary>An eventfd whose counter is StandInBase + v stands for a uintr fd of vector v.</summary>
    public const ulong StandInBase = 0x5500;

    private const int EfdCloexec = 0x80000;

    public static int EventFd(ulong initial = 0)
    {
        int fd = NativeEventfd((uint)initial, EfdCloexec);
        return fd >= 0 ? fd : throw new InvalidOperationException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static SafeFileHandle EventFdHandle(ulong initial = 0) => new(EventFd(initial), ownsHandle: true);

    /// <summary>The eventfd's counter, read from /proc/self/fdinfo without consuming it.</summary>
    public static ulong Counter(int fd)
    {
        foreach (string line in File.ReadAllLines($"/proc/self/fdinfo/{fd}"))
        {
            if (line.StartsWith("eventfd-count:", StringComparison.Ordinal))
            {
                return ulong.Parse(line.AsSpan("eventfd-count:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"fd {fd} is not an eventfd");
    }

    /// <summary>Adds <paramref name="value"/> to an eventfd's counter (write(2) of 8 bytes).</summary>
    public static void Add(int fd, ulong value)
    {
        if (Write(fd, &value, sizeof(ulong)) != sizeof(ulong))
        {
            throw new InvalidOperationException($"write to eventfd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static bool IsOpen(int fd) => Fcntl(fd, 1, 0) >= 0;

    /// <summary>Whether the fd has close-on-exec set (F_GETFD &amp; FD_CLOEXEC).</summary>
    public static bool IsCloseOnExec(int fd) => (Fcntl(fd, 1, 0) & 1) != 0;

    /// <summary>
    /// How many fds of this process refer to the open file behind <paramref name="fd"/> (itself included): same link
    /// target and, for eventfds (which share one anonymous inode), the same eventfd-id. Safe while other tests open fds.
    /// </summary>
    public static int References(int fd)
    {
        string identity = Identity(fd) ?? throw new InvalidOperationException($"fd {fd} is not open");
        int count = 0;
        foreach (string entry in Directory.GetFiles("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int other) && Identity(other) == identity)
            {
                count++;
            }
        }

        return count;
    }

    private static string? Identity(int fd)
    {
        try
        {
            string? target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            if (target != "anon_inode:[eventfd]")
            {
                return target;
            }

            foreach (string line in File.ReadAllLines($"/proc/self/fdinfo/{fd}"))
            {
                if (line.StartsWith("eventfd-id:", StringComparison.Ordinal))
                {
                    return target + line;
                }
            }

            return target;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int NativeEventfd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}

/// <summary>Raw writes on a socket, as a foreign writer that does not speak UintrSocket's protocol would make.</summary>
internal static unsafe partial class RawSocket
{
    public static void WriteBytes(int socket, params byte[] bytes)
    {
        fixed (byte* data = bytes)
        {
            if (Write(socket, data, (nuint)bytes.Length) != bytes.Length)
            {
                throw new InvalidOperationException($"write failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, void* buffer, nuint count);
}
