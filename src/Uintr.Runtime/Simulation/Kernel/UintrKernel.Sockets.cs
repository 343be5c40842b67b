using System.Collections.Generic;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// AF_UNIX socket pairs and SCM_RIGHTS: the way one process hands an open file (a uintr fd) to another. Only what fd
/// passing needs is modelled: connected pairs, messages that carry files, end-of-file and EPIPE.
/// </summary>
internal sealed partial class UintrKernel
{
    /// <summary>socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC): two connected ends installed in <paramref name="process"/>.</summary>
    public (int First, int Second) SocketPair(SimProcess process)
    {
        var first = new SocketFile();
        var second = new SocketFile { Peer = first };
        first.Peer = second;
        return (process.Install(first), process.Install(second));
    }

    /// <summary>
    /// sendmsg(socket, SCM_RIGHTS = <paramref name="fds"/>): every fd is looked up first (EBADF loses nothing: no file
    /// is queued unless all are valid); each queued file gains the in-flight reference.
    /// </summary>
    public SyscallResult SendFds(SimProcess process, int socket, IReadOnlyList<int> fds)
    {
        if (!process.TryGetFile(socket, out var file))
        {
            return SyscallResult.Fail(Errno.EBADF, $"socket fd {socket} is not open");
        }

        if (file is not SocketFile end)
        {
            return SyscallResult.Fail(Errno.ENOTSOCK, $"fd {socket} is a {file.Kind}, not a socket");
        }

        if (end.Peer is not { Released: false } peer)
        {
            return SyscallResult.Fail(Errno.EPIPE, "the peer closed its end of the socket");
        }

        var carried = new List<KernelFile>(fds.Count);
        foreach (int fd in fds)
        {
            if (!process.TryGetFile(fd, out var passed))
            {
                return SyscallResult.Fail(Errno.EBADF, $"fd {fd} (to pass over the socket) is not open");
            }

            carried.Add(passed);
        }

        foreach (var passed in carried)
        {
            passed.References++;
        }

        peer.Incoming.Enqueue(carried);
        return SyscallResult.Ok(0);
    }

    /// <summary>Whether recvmsg on <paramref name="socket"/> would return at once (a message is queued, or the peer is gone).</summary>
    public bool SocketReadable(SimProcess process, int socket) =>
        !process.TryGetFile(socket, out var file) || file is not SocketFile end || end.Incoming.Count > 0 || end.Peer is not { Released: false };

    /// <summary>
    /// recvmsg(socket) with MSG_CMSG_CLOEXEC: installs the first queued message's files in <paramref name="process"/>
    /// (the in-flight reference becomes the fd's). Returns null when nothing is queued and the peer is still open (the
    /// call would block); an empty list at end-of-file.
    /// </summary>
    public (IReadOnlyList<(int Fd, KernelFile File)>? Received, SyscallResult Error) ReceiveFds(SimProcess process, int socket)
    {
        if (!process.TryGetFile(socket, out var file))
        {
            return (null, SyscallResult.Fail(Errno.EBADF, $"socket fd {socket} is not open"));
        }

        if (file is not SocketFile end)
        {
            return (null, SyscallResult.Fail(Errno.ENOTSOCK, $"fd {socket} is a {file.Kind}, not a socket"));
        }

        if (!end.Incoming.TryDequeue(out var message))
        {
            return (end.Peer is { Released: false } ? null : [], default);
        }

        var installed = new List<(int, KernelFile)>(message.Count);
        foreach (var passed in message)
        {
            passed.References--;
            installed.Add((process.Install(passed), passed));
        }

        return (installed, default);
    }

    /// <summary>
    /// A process starts with copies of <paramref name="inherited"/> from <paramref name="parent"/>, at the same numbers:
    /// fork() followed by exec() of a program, where only the fds the parent made inheritable (close-on-exec cleared)
    /// survive. Uintr fds are created O_CLOEXEC, so nothing else crosses exec. Tasks of the new process inherit no
    /// handler and no UITT.
    /// </summary>
    public SyscallResult Spawn(SimProcess parent, IReadOnlyList<int> inherited, string name, out SimProcess child)
    {
        child = null!;
        foreach (int fd in inherited)
        {
            if (!parent.HasFd(fd))
            {
                return SyscallResult.Fail(Errno.EBADF, $"fd {fd} (to inherit) is not open");
            }
        }

        child = CreateProcess();
        child.Name = name;
        foreach (int fd in inherited)
        {
            parent.TryGetFile(fd, out var file);
            if (!child.HasFd(fd))
            {
                child.InstallAt(fd, file);
            }
        }

        return SyscallResult.Ok(child.Pid);
    }

    /// <summary>
    /// The process's last task exited (exit_files): every fd closes, which releases the files whose last reference it
    /// held, exactly as closing them one by one would.
    /// </summary>
    public void ExitProcess(SimProcess process, SimTask lastTask)
    {
        foreach (var (fd, _) in process.Fds)
        {
            Close(lastTask, fd);
        }

        process.Exited = true;
    }

    /// <summary>The last reference to a socket end went away: the peer reads end-of-file; unreceived files are released.</summary>
    private void ReleaseSocket(SocketFile end, SimTask caller)
    {
        end.Released = true;
        while (end.Incoming.TryDequeue(out var message))
        {
            foreach (var passed in message)
            {
                passed.References--;
                if (passed.References == 0)
                {
                    Release(passed, caller);
                }
            }
        }
    }
}
