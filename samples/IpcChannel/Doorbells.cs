using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Uintr;

namespace IpcChannel;

/// <summary>The server's user-interrupt doorbell: vector 1 means "a request is in the ring".</summary>
internal static partial class ServerDoorbell
{
    public const int Vector = 1;

    public static long Rings;

    [UserInterruptHandler(Vector)]
    private static void OnRequest() => Rings++;
}

/// <summary>The client's user-interrupt doorbell: vector 2 means "a reply is in the ring".</summary>
internal static partial class ClientDoorbell
{
    public const int Vector = 2;

    public static long Rings;

    [UserInterruptHandler(Vector)]
    private static void OnReply() => Rings++;
}

/// <summary>
/// An eventfd doorbell: ringing adds 1 to the counter (write), waiting blocks until it is not zero and resets it
/// (read), so rings made while nobody waits merge, as user interrupts to a pending vector do.
/// </summary>
internal sealed unsafe partial class EventfdDoorbell : IDisposable
{
    private const int EfdCloexec = 0x80000;
    private const int Eintr = 4;

    public EventfdDoorbell(SafeFileHandle handle) => Handle = handle;

    public SafeFileHandle Handle { get; }

    private int Fd => (int)Handle.DangerousGetHandle();

    public static EventfdDoorbell Create()
    {
        int fd = NativeEventfd(0, EfdCloexec);
        return fd >= 0 ? new EventfdDoorbell(new SafeFileHandle(fd, ownsHandle: true)) : throw Failure("eventfd");
    }

    public void Ring()
    {
        ulong one = 1;
        while (Write(Fd, &one, sizeof(ulong)) != sizeof(ulong))
        {
            if (Marshal.GetLastPInvokeError() != Eintr)
            {
                throw Failure("write to the eventfd");
            }
        }
    }

    /// <summary>Waits for a ring, giving up after <paramref name="timeout"/> (poll); true when rung.</summary>
    public bool Wait(TimeSpan timeout)
    {
        var poll = new PollFd { Fd = Fd, Events = PollIn };
        int ready;
        while ((ready = Poll(&poll, 1, (int)timeout.TotalMilliseconds)) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Eintr)
            {
                throw Failure("poll on the eventfd");
            }
        }

        if (ready == 0)
        {
            return false;
        }

        Wait();
        return true;
    }

    public void Wait()
    {
        ulong count;
        while (Read(Fd, &count, sizeof(ulong)) != sizeof(ulong))
        {
            if (Marshal.GetLastPInvokeError() != Eintr)
            {
                throw Failure("read from the eventfd");
            }
        }
    }

    public void Dispose() => Handle.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    private static InvalidOperationException Failure(string call) => new($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    private const short PollIn = 1;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int NativeEventfd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, void* buffer, nuint count);
}
