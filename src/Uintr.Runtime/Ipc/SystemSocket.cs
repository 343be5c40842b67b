using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using Uintr.Hardware;

namespace Uintr.Ipc;

/// <summary>
/// A real AF_UNIX SOCK_SEQPACKET socket end. Each message is one marker byte and exactly one fd in an SCM_RIGHTS
/// control message. Received fds are installed close-on-exec (MSG_CMSG_CLOEXEC), as uintr fds are created
/// (anon_inode_getfd(..., O_CLOEXEC) in arch/x86/kernel/uintr_fd.c, intel/uintr-linux-kernel 2100ffbe).
/// </summary>
internal sealed unsafe class SystemSocket : UintrSocket
{
    /// <summary>The one data byte of every message: SOCK_SEQPACKET keeps message boundaries, so a stray writer is detected.</summary>
    public const byte Marker = (byte)'U';

    /// <summary>Room for a few fds: a message of ours carries one; more means a foreign writer, and each is closed.</summary>
    private const int MaxFdsPerMessage = 8;

    private readonly SafeFileHandle _handle;
    private readonly IUintrKernel? _kernel;
    private int _disposed;

    public SystemSocket(int fd, IUintrKernel? kernel)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        Number = fd;
        _kernel = kernel;
    }

    public override int Number { get; }

    public override bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC): uintr fds cross it when <paramref name="kernel"/> is the hardware's.</summary>
    public static (UintrSocket First, UintrSocket Second) CreatePair(IUintrKernel? kernel)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Unix domain sockets with SCM_RIGHTS are used on Linux only.");
        }

        int* fds = stackalloc int[2];
        if (SocketCalls.SocketPair(SocketCalls.AfUnix, SocketCalls.SockSeqpacket | SocketCalls.SockCloexec, 0, fds) != 0)
        {
            throw Failure("socketpair", Marshal.GetLastPInvokeError(), "could not create the socket pair");
        }

        return (new SystemSocket(fds[0], kernel), new SystemSocket(fds[1], kernel));
    }

    public override void Send(UintrFd fd)
    {
        ArgumentNullException.ThrowIfNull(fd);
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSocket)); // the public type, not the backend's
        if (fd is not HardwareFd || _kernel is null)
        {
            throw new ArgumentException(
                _kernel is null
                    ? $"{this} is not tied to the hardware backend (UintrSocket.CreateSystemPair), so it carries no uintr fds; create the pair with UintrPlatform.CreateSocketPair."
                    : $"{fd} belongs to another platform; this socket carries fds of the hardware backend.",
                nameof(fd));
        }

        ObjectDisposedException.ThrowIf(fd.IsDisposed, typeof(UintrFd));
        SendFd(fd.Number);
    }

    public override void SendHandle(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSocket)); // the public type, not the backend's
        ObjectDisposedException.ThrowIf(handle.IsClosed || handle.IsInvalid, handle);
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SendFd(checked((int)handle.DangerousGetHandle()));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public override UintrFd ReceiveFd(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSocket)); // the public type, not the backend's
        if (_kernel is null)
        {
            // Refused before receiving, so the message stays queued for a ReceiveHandle.
            throw new InvalidOperationException(
                $"{this} is not tied to the hardware backend (UintrSocket.CreateSystemPair), so it cannot make a UintrFd; use ReceiveHandle, or create the pair with UintrPlatform.CreateSocketPair.");
        }

        int fd = ReceiveOne(timeout);
        var identity = IdentifyOrClose(fd);
        if (identity.Vector is not { } vector)
        {
            SocketCalls.Close(fd);
            throw new UintrException(
                Errno.EOPNOTSUPP,
                "recvmsg",
                $"the peer sent {identity.Description}, not a uintr fd (register_sender would refuse it with EOPNOTSUPP); it was closed, and the socket stays usable");
        }

        return new HardwareFd(_kernel, vector, fd);
    }

    public override SafeFileHandle ReceiveHandle(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSocket)); // the public type, not the backend's
        return new SafeFileHandle(ReceiveOne(timeout), ownsHandle: true);
    }

    /// <summary>
    /// Closes this fd once no call on another thread uses it. Never shutdown(2): that would end the connection for every
    /// reference to the socket, including a child's inherited copy, where closing one fd must end only that reference.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _handle.Dispose();
        }
    }

    private FdIdentity IdentifyOrClose(int fd)
    {
        try
        {
            return _kernel!.Identify(fd);
        }
        catch
        {
            SocketCalls.Close(fd);
            throw;
        }
    }

    private void SendFd(int fd)
    {
        byte marker = Marker;
        byte* control = stackalloc byte[SocketCalls.CmsgHeaderSize + 8];
        new Span<byte>(control, SocketCalls.CmsgHeaderSize + 8).Clear();
        *(nuint*)control = (nuint)(SocketCalls.CmsgHeaderSize + sizeof(int));
        *(int*)(control + 8) = SocketCalls.SolSocket;
        *(int*)(control + 12) = SocketCalls.ScmRights;
        *(int*)(control + SocketCalls.CmsgHeaderSize) = fd;
        var iov = new SocketCalls.IoVector { Base = &marker, Length = 1 };
        var message = new SocketCalls.MessageHeader
        {
            Iov = &iov,
            IovLength = 1,
            Control = control,
            ControlLength = (nuint)(SocketCalls.CmsgHeaderSize + 8),
        };

        bool added = AddRef();
        try
        {
            while (SocketCalls.SendMsg(Number, &message, SocketCalls.MsgNosignal) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != SocketCalls.Eintr)
                {
                    throw Failure("sendmsg", errno, errno == (int)Errno.EPIPE ? "the peer closed its end of the socket (or its process exited)" : $"could not pass fd {fd}");
                }
            }
        }
        finally
        {
            Release(added);
        }
    }

    /// <summary>recvmsg for one message of ours: returns its fd (installed close-on-exec) or throws, closing whatever arrived.</summary>
    private int ReceiveOne(TimeSpan? timeout)
    {
        bool added = AddRef();
        try
        {
            WaitReadable(Number, timeout);
            byte data = 0;
            int controlSize = SocketCalls.CmsgHeaderSize + SocketCalls.CmsgAlign(MaxFdsPerMessage * sizeof(int));
            byte* control = stackalloc byte[controlSize];
            var iov = new SocketCalls.IoVector { Base = &data, Length = 1 };
            var message = new SocketCalls.MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlSize };
            nint received;
            while ((received = SocketCalls.RecvMsg(Number, &message, SocketCalls.MsgCmsgCloexec)) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != SocketCalls.Eintr)
                {
                    throw Failure("recvmsg", errno, "could not receive from the socket");
                }
            }

            var fds = ControlFds(&message);
            if (received == 0 && fds.Count == 0)
            {
                throw new EndOfStreamException($"recvmsg on {this}: the peer closed its end of the socket (or its process exited) and nothing more is queued.");
            }

            string? problem = (message.Flags & SocketCalls.MsgCtrunc) != 0 ? "more fds than a message of UintrSocket carries (the kernel dropped the excess)"
                : (message.Flags & SocketCalls.MsgTrunc) != 0 || received != 1 || data != Marker ? "data that is not a message of UintrSocket"
                : fds.Count == 0 ? "a message without an fd"
                : fds.Count > 1 ? $"{fds.Count} fds in one message"
                : null;
            if (problem is not null)
            {
                foreach (int fd in fds)
                {
                    SocketCalls.Close(fd);
                }

                throw new InvalidDataException($"recvmsg on {this}: the peer sent {problem}; {(fds.Count == 0 ? "nothing was received" : "the fds in it were closed")}.");
            }

            return fds[0];
        }
        finally
        {
            Release(added);
        }
    }

    private void WaitReadable(int socket, TimeSpan? timeout)
    {
        if (timeout is not { } span)
        {
            return;
        }

        long deadline = Environment.TickCount64 + (long)Math.Ceiling(span.TotalMilliseconds);
        var poll = new SocketCalls.PollFd { Fd = socket, Events = SocketCalls.PollIn };
        while (true)
        {
            int left = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            int ready = SocketCalls.Poll(&poll, 1, left);
            if (ready > 0)
            {
                return;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (ready == 0)
            {
                throw new TimeoutException($"recvmsg on {this}: nothing arrived within {span}; nothing was consumed.");
            }

            if (errno != SocketCalls.Eintr)
            {
                throw Failure("poll", errno, "could not wait for the socket");
            }
        }
    }

    private static List<int> ControlFds(SocketCalls.MessageHeader* message)
    {
        var fds = new List<int>();
        byte* control = (byte*)message->Control;
        long length = (long)message->ControlLength;
        long offset = 0;
        while (offset + SocketCalls.CmsgHeaderSize <= length)
        {
            long cmsgLength = (long)*(nuint*)(control + offset);
            if (cmsgLength < SocketCalls.CmsgHeaderSize || offset + cmsgLength > length)
            {
                break;
            }

            if (*(int*)(control + offset + 8) == SocketCalls.SolSocket && *(int*)(control + offset + 12) == SocketCalls.ScmRights)
            {
                for (long at = SocketCalls.CmsgHeaderSize; at + sizeof(int) <= cmsgLength; at += sizeof(int))
                {
                    fds.Add(*(int*)(control + offset + at));
                }
            }

            offset += SocketCalls.CmsgAlign((int)cmsgLength);
        }

        return fds;
    }

    /// <summary>Keeps the fd number from being closed (and reused) while a call uses it.</summary>
    private bool AddRef()
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(ToString());
        }

        return added;
    }

    private void Release(bool added)
    {
        if (added)
        {
            _handle.DangerousRelease();
        }
    }

    internal static UintrException Failure(string call, int errno, string reason) => new((Errno)errno, call, reason);
}
