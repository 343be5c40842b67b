using System;
using System.Collections.Generic;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>A kernel that records the calls the hardware backend makes, so its logic runs on machines without UINTR.</summary>
internal sealed class RecordingKernel(KernelAbi abi) : IUintrKernel
{
    private int _nextFd = 100;

    public List<string> Calls { get; } = [];

    /// <summary>
    /// create_fd makes a real eventfd standing in for the uintr fd (its counter holds the vector), dup and close are
    /// real, and Identify reads /proc: the fds can cross real sockets and processes.
    /// </summary>
    public bool RealFds { get; init; }

    public KernelAbi Abi => abi;

    public bool WaitSupportsTimeout => abi == KernelAbi.UintrNext;

    /// <summary>Fails create_fd for this vector with ENOSPC.</summary>
    public int? FailCreateFdFor { get; set; }

    /// <summary>Runs inside uintr_wait (for example: plays the trampoline and sets a pending bit).</summary>
    public Action<long>? OnWait { get; set; }

    public nint RegisteredHandler { get; private set; }

    public void RegisterHandler(nint handler)
    {
        Calls.Add($"register_handler(0x{handler:x})");
        RegisteredHandler = handler;
    }

    public void UnregisterHandler() => Calls.Add("unregister_handler");

    public void AltStack(nint stack, ulong size) => Calls.Add($"alt_stack(0x{stack:x}, {size})");

    public int CreateFd(int vector)
    {
        if (vector == FailCreateFdFor)
        {
            throw UintrSyscallErrors.ToException(abi, UintrSyscall.CreateFd, (int)Errno.ENOSPC);
        }

        int fd = RealFds ? Ipc.TestFds.EventFd(Ipc.TestFds.StandInBase + (ulong)vector) : _nextFd++;
        Calls.Add($"create_fd({vector})={fd}");
        return fd;
    }

    public int RegisterSender(int fd)
    {
        Calls.Add($"register_sender({fd})=5");
        return 5;
    }

    public void UnregisterSender(int fd, int index) => Calls.Add($"unregister_sender(fd {fd}, index {index})");

    public bool Wait(long microseconds)
    {
        Calls.Add($"wait({microseconds})");
        OnWait?.Invoke(microseconds);
        return true;
    }

    public int Duplicate(int fd)
    {
        int copy = RealFds ? Ipc.TestFds.Dup(fd) : _nextFd++;
        Calls.Add($"dup({fd})={copy}");
        return copy;
    }

    public void Close(int fd)
    {
        Calls.Add($"close({fd})");
        if (RealFds)
        {
            Ipc.TestFds.Close(fd);
        }
    }

    /// <summary>With real fds: a stand-in eventfd is a uintr fd of the vector its counter holds; anything else is what /proc says.</summary>
    public Uintr.Ipc.FdIdentity Identify(int fd)
    {
        Calls.Add($"identify({fd})");
        if (!RealFds)
        {
            return new(null, "a fake fd");
        }

        string target = Uintr.Ipc.ProcFdInspector.LinkTarget(fd) ?? throw new UintrException(Errno.EBADF, "readlink", $"fd {fd} is not open");
        return target == "anon_inode:[eventfd]" && Ipc.TestFds.Counter(fd) is >= Ipc.TestFds.StandInBase and < Ipc.TestFds.StandInBase + 64 and var count
            ? new((int)(count - Ipc.TestFds.StandInBase), "a stand-in uintr fd")
            : new(null, target);
    }
}
