using System.Runtime.InteropServices;

namespace Uintr.Ipc;

/// <summary>
/// The libc calls that carry file descriptors between real processes: socketpair(2), sendmsg(2)/recvmsg(2) with
/// SCM_RIGHTS (unix(7)), and fcntl(2) for the close-on-exec flag. Constants and layouts are x86-64 Linux.
/// </summary>
internal static unsafe partial class SocketCalls
{
    public const int AfUnix = 1;
    public const int SockSeqpacket = 5;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int ScmRights = 1;
    public const int MsgCtrunc = 0x8;
    public const int MsgTrunc = 0x20;
    public const int MsgNosignal = 0x4000;
    public const int MsgCmsgCloexec = 0x40000000;
    public const int FGetfd = 1;
    public const int FSetfd = 2;
    public const int FdCloexec = 1;
    public const int ShutRdwr = 2;
    public const short PollIn = 0x1;
    public const int Eintr = 4;

    /// <summary>sizeof(struct cmsghdr): size_t cmsg_len, int cmsg_level, int cmsg_type.</summary>
    public const int CmsgHeaderSize = 16;

    private const string Library = "libc";

    /// <summary>CMSG_ALIGN: control messages are aligned to sizeof(size_t).</summary>
    public static int CmsgAlign(int length) => (length + 7) & ~7;

    [LibraryImport(Library, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Library, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Library, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int socket, int how);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (56 bytes on x86-64; the compiler pads after msg_namelen and msg_flags as C does).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
