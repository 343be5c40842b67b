namespace Uintr.Simulation.Kernel;

/// <summary>
/// A minimal futex(2): FUTEX_WAIT and FUTEX_WAKE on 32-bit words of simulated memory, enough for the trampoline's
/// waiter wake-up (UserInterruptReceiver.WakeWaiter). Private and shared futexes behave alike: one process.
/// </summary>
internal sealed partial class UintrKernel
{
    /// <summary>futex(2) on x86-64.</summary>
    public const ulong FutexSyscallNumber = 202;

    public const int FutexWait = 0;
    public const int FutexWake = 1;
    public const int FutexPrivateFlag = 128;

    /// <summary>EAGAIN: the word no longer holds the expected value (Errno names only the UINTR errors).</summary>
    public const Errno EAGAIN = (Errno)11;

    private readonly FutexQueue _futexes = new();

    /// <summary>
    /// FUTEX_WAIT(address, expected): fails with EAGAIN unless the word equals <paramref name="expected"/>, else blocks the
    /// task (null). The check and the queueing are one step, as under the kernel's hash-bucket lock, so a FUTEX_WAKE
    /// after the value changed is never lost. The task's result is 0 when woken; a time-out is the caller's.
    /// </summary>
    public SyscallResult? FutexWaitOn(SimTask task, ulong address, uint expected)
    {
        if ((address & 3) != 0)
        {
            return SyscallResult.Fail(Errno.EINVAL, $"the futex address 0x{address:X} is not 4-byte aligned");
        }

        uint value = Memory.ReadUInt32(address);
        if (value != expected)
        {
            return SyscallResult.Fail(EAGAIN, $"the word holds {value}, not {expected}");
        }

        var blocked = BlockInSyscall(task);
        if (blocked is { } early)
        {
            return early;
        }

        _futexes.Enqueue(task, address);
        return null;
    }

    /// <summary>FUTEX_WAKE(address, count): returns up to <paramref name="count"/> sleepers on the word to user space; the result is how many.</summary>
    public int FutexWakeOn(ulong address, int count, long time, long wakeCycles, long stepCycles)
    {
        var woken = _futexes.Dequeue(address, count, IsBlocked);
        foreach (var task in woken)
        {
            Wake(task, SyscallResult.Ok(0), time + wakeCycles, stepCycles);
        }

        return woken.Count;
    }
}
