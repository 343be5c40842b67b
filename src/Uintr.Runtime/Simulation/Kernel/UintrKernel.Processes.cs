namespace Uintr.Simulation.Kernel;

/// <summary>Processes and fd sharing: fork inheritance, exec, and passing an fd to another process.</summary>
internal sealed partial class UintrKernel
{
    /// <summary>
    /// fork() by <paramref name="parent"/>: the child process gets a copy of the fd table (each uintr file gains a
    /// reference) and one task, which inherits no handler and no UITT.
    /// </summary>
    public SimTask Fork(SimTask parent, string childName)
    {
        var child = CreateProcess();
        foreach (var (fd, file) in parent.Process.Fds)
        {
            child.InstallAt(fd, file);
        }

        return CreateTask(child, childName);
    }

    /// <summary>exec(): uintr fds are O_CLOEXEC, so they close; the task's handler, vectors and UITT are dropped.</summary>
    public void Exec(SimTask task)
    {
        foreach (var (fd, file) in task.Process.Fds)
        {
            if (file is UintrFile)
            {
                Close(task, fd);
            }
        }

        if (task.Receiver is { HandlerUnregistered: false })
        {
            UnregisterHandler(task, 0);
        }

        task.Sender = null;
        task.Process.SharedSender = null;
        ResetUintrState(task);
    }

    /// <summary>Passes fd <paramref name="fd"/> of <paramref name="from"/> into <paramref name="to"/> (SCM_RIGHTS or pidfd_getfd); returns the new number.</summary>
    public SyscallResult ShareFd(SimProcess from, int fd, SimProcess to)
    {
        if (!from.TryGetFile(fd, out var file))
        {
            return SyscallResult.Fail(Errno.EBADF, $"fd {fd} is not open");
        }

        return SyscallResult.Ok(to.Install(file));
    }
}
