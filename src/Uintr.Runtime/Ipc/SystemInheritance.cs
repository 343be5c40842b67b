using System;
using Microsoft.Win32.SafeHandles;
using Uintr.Hardware;

namespace Uintr.Ipc;

/// <summary>Inherited fds of a real process: each number is checked to be open and of the kind the parent said.</summary>
internal sealed class SystemInheritance(IUintrKernel? kernel) : IInheritanceBackend
{
    /// <summary>Sets FD_CLOEXEC again on an inherited fd, so it stays in this process and does not leak into its children.</summary>
    public static void MarkCloseOnExec(int fd)
    {
        int flags = SocketCalls.Fcntl(fd, SocketCalls.FGetfd, 0);
        if (flags >= 0)
        {
            SocketCalls.Fcntl(fd, SocketCalls.FSetfd, flags | SocketCalls.FdCloexec);
        }
    }

    public UintrFd MakeFd(int number)
    {
        if (kernel is null)
        {
            throw new InvalidOperationException(
                $"Inherited fd {number} is a uintr fd, but UintrInheritance.FromEnvironment was called without the hardware platform; pass UintrPlatform.Hardware().");
        }

        RequireOpen(number);
        var identity = kernel.Identify(number);
        if (identity.Vector is not { } vector)
        {
            SocketCalls.Close(number);
            throw new UintrException(Errno.EOPNOTSUPP, "inherit", $"inherited fd {number} is {identity.Description}, not a uintr fd; it was closed");
        }

        return new HardwareFd(kernel, vector, number);
    }

    public UintrSocket MakeSocket(int number)
    {
        RequireOpen(number);
        string target = ProcFdInspector.LinkTarget(number) ?? string.Empty;
        if (!target.StartsWith("socket:", StringComparison.Ordinal))
        {
            SocketCalls.Close(number);
            throw new UintrException(Errno.ENOTSOCK, "inherit", $"inherited fd {number} is {target}, not a socket; it was closed");
        }

        return new SystemSocket(number, kernel);
    }

    public SafeFileHandle MakeHandle(int number)
    {
        RequireOpen(number);
        return new SafeFileHandle(number, ownsHandle: true);
    }

    public void Close(int number) => SocketCalls.Close(number);

    private static void RequireOpen(int number)
    {
        if (SocketCalls.Fcntl(number, SocketCalls.FGetfd, 0) < 0)
        {
            throw new UintrException(Errno.EBADF, "inherit", $"inherited fd {number} is not open in this process (was the process started by UintrChildProcess.Start?)");
        }
    }
}
