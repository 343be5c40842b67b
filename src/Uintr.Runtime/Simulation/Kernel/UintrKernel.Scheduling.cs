using System;
using System.Collections.Generic;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// Context switch, migration and blocking, following Thomas Gleixner's review of the RFC ("Re: [RFC PATCH 05/13]
/// x86/irq: Reserve a user IPI notification vector", docs/uintr-reference.md section 8).
/// </summary>
internal sealed partial class UintrKernel
{
    /// <summary>The UPID's NV field (bits 23:16), the vector a SENDUIPI notifies with.</summary>
    private const ulong NvField = 0xFFUL << Upid.NvShift;

    /// <summary>The UPID's NDST field (bits 63:32), the APIC ID a SENDUIPI notifies.</summary>
    private const ulong NdstField = 0xFFFF_FFFFUL << Upid.NdstShift;

    private readonly Dictionary<LogicalProcessor, List<SimTask>> _blockedOn = new();

    /// <summary>The time-slice scheduler, when one manages the cores; without it a woken task returns on the core it blocked on.</summary>
    public TimeSliceScheduler? Scheduler { get; set; }

    private IKernelHost RequireHost => Host ?? throw new InvalidOperationException("This kernel runs without a machine: scheduling needs one.");

    /// <summary>
    /// Switch-out: the kernel sets UPID.SN so senders stop notifying this CPU, then XSAVES saves the UINTR component and
    /// clears UINV, so a notification that still arrives is an ordinary interrupt here.
    /// </summary>
    public void SwitchOut(SimTask task, bool suppressNotifications = true)
    {
        var cpu = task.Cpu ?? throw new InvalidOperationException($"Task {task.Name} is not on a CPU.");
        if (suppressNotifications && task.Receiver is { } receiver)
        {
            SetSuppress(receiver.UpidAddress, true);
        }

        XsaveUintrComponent.Save(cpu, task.XsaveArea);
        task.StateSaved = true;
        task.UserContext.CopyFrom(cpu.Registers);
        cpu.UserMode = false;
        task.LastCpu = cpu;
        task.Cpu = null;
        task.RunState = TaskRunState.Runnable;
        Host?.SwitchedOut(task, cpu);
    }

    /// <summary>
    /// Return to user space on <paramref name="cpu"/> (after a switch-in or a migration), as separate steps that other
    /// cores may interleave with: XRSTORS (restores UINV); NDST = this CPU's APIC ID; then, in the review's order, clear
    /// SN and read PIR, sending a self-IPI with UINV if PIR is not 0 so that a SENDUIPI that raced with the switch is
    /// folded into UIRR; then the return itself. As in switch_uintr_return (intel/uintr-linux-kernel
    /// arch/x86/kernel/uintr_core.c at 2100ffbe, uintr.c at fed8dc12) the kernel does not fold PIR itself: the self-IPI is
    /// taken once the CPU is back in user mode, and the hardware's notification processing folds PIR there.
    /// </summary>
    /// <returns>The cycle at which the task runs user code again.</returns>
    public long ReturnToUser(SimTask task, LogicalProcessor cpu, long time, long stepCycles)
    {
        var host = RequireHost;
        host.At(time, _ =>
        {
            task.UintrState = XsaveUintrComponent.Restore(cpu, task.XsaveArea);
            task.StateSaved = false;
            cpu.Registers.CopyFrom(task.UserContext);
            task.Cpu = cpu;
            RunTaskWork(task);
            if (task.Receiver is { Exited: false } receiver)
            {
                RouteNotifications(receiver.UpidAddress, cpu);
            }
        });

        Action<long> clearSuppress = _ =>
        {
            if (task.Receiver is { Exited: false, HandlerUnregistered: false } receiver)
            {
                SetSuppress(receiver.UpidAddress, false);
            }
        };
        long userTime = time + (3 * stepCycles);
        Action<long> foldPir = _ =>
        {
            if (task.Receiver is { Exited: false } receiver && Upid.ReadPir(Memory, receiver.UpidAddress) != 0)
            {
                host.SendSelfIpi(cpu, KernelConstants.NotificationVector, userTime);
            }
        };

        bool reviewOrder = Options.Restore == RestoreOrder.ClearSuppressThenReadPir;
        host.At(time + stepCycles, reviewOrder ? clearSuppress : foldPir);
        host.At(time + (2 * stepCycles), reviewOrder ? foldPir : clearSuppress);
        host.At(userTime, now =>
        {
            cpu.UserMode = true;
            task.RunState = TaskRunState.Running;
            task.BlockedOn = null;
            host.ReturnedToUser(task, cpu, now);
        });
        return userTime;
    }

    /// <summary>
    /// uintr_wait, in the order of the tree <see cref="Abi"/> names. uintr-next (sys_uintr_wait and uintr_receiver_wait,
    /// intel/uintr-linux-kernel arch/x86/kernel/uintr.c at fed8dc12): ENOSYS without UINTR or without
    /// CONFIG_X86_UINTR_BLOCKING, EINVAL for flags, EINVAL for usec over UINTR_WAIT_MAX_USEC, 0 at once for usec = 0,
    /// EOPNOTSUPP for a task that is not a receiver, then a sleep of usec. RFC v1 as the GitHub tree writes it
    /// (sys_uintr_wait in arch/x86/kernel/uintr_fd.c, uintr_receiver_wait in uintr_core.c, both at 2100ffbe): EOPNOTSUPP
    /// without UINTR, EINVAL for flags, EOPNOTSUPP for a task that is not a receiver, then a sleep of 100 us whatever
    /// <paramref name="usec"/> says. Either sleep ends with EINTR when a user interrupt wakes the task, or with 0 when its
    /// hrtimer expires. Returns null when the task blocked; its result is <see cref="SimTask.WakeResult"/> when it
    /// returns to user space.
    /// </summary>
    public SyscallResult? Wait(SimTask task, ulong usec, uint flags)
    {
        if (Abi == KernelAbi.UintrNext && HardwareSupported && !Options.BlockingConfigured)
        {
            return SyscallResult.Fail(Errno.ENOSYS, "the kernel was built without CONFIG_X86_UINTR_BLOCKING");
        }

        if (Precheck(task, flags) is { } refused)
        {
            return refused;
        }

        if (Abi == KernelAbi.UintrNext)
        {
            if (usec > KernelConstants.MaxWaitMicroseconds)
            {
                return SyscallResult.Fail(Errno.EINVAL, $"the timeout {usec} us exceeds {KernelConstants.MaxWaitMicroseconds} us");
            }

            if (usec == 0)
            {
                return SyscallResult.Ok(0);
            }
        }

        if (task.Receiver is not { HandlerUnregistered: false } receiver)
        {
            return SyscallResult.Fail(Errno.EOPNOTSUPP, "no handler is registered for this thread");
        }

        ulong sleep = Abi == KernelAbi.UintrNext ? usec : KernelConstants.RfcV1WaitMicroseconds;
        if (!receiver.WakesFromSleep)
        {
            // uintr-next, handler registered without UINTR_HANDLER_FLAG_WAITING_RECEIVER: switch_uintr_prepare sets SN
            // like for any switch-out, so no notification reaches the sleeper; only its timer ends the wait
            // (arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12).
            var cpu = task.Cpu!;
            SwitchOut(task);
            task.RunState = TaskRunState.Blocked;
            task.BlockedOn = cpu;
            Scheduler?.Blocked(task, RequireHost.Now);
            ArmWaitTimer(task, sleep);
            return null;
        }

        if (!BlockInterruptible(task))
        {
            return SyscallResult.Fail(Errno.EINTR, "a user interrupt is pending");
        }

        ArmWaitTimer(task, sleep);
        return null;
    }

    /// <summary>
    /// The hrtimer sleeper of uintr_receiver_wait: when it expires with the task still asleep in this wait, the task is
    /// woken and the call returns 0. RFC v1 also takes the task off the wait list and points NV at the notification
    /// vector again (uintr_remove_task_wait, arch/x86/kernel/uintr_core.c at 2100ffbe).
    /// </summary>
    private void ArmWaitTimer(SimTask task, ulong microseconds)
    {
        long serial = ++task.WaitSerial;
        if (!Options.WaitTimers)
        {
            return;
        }

        var host = RequireHost;
        host.AtTimerExpiry(host.Now + host.MicrosecondsToCycles(microseconds), time =>
        {
            if (task.WaitSerial != serial || !IsBlocked(task))
            {
                return;   // an interrupt, a deadline or an abort ended this wait first
            }

            if (task.Receiver is { Exited: false } receiver)
            {
                SetNotificationVector(receiver.UpidAddress, KernelConstants.NotificationVector);
            }

            Wake(task, SyscallResult.Ok(0), time + host.TimerWakeCycles, host.RestoreStepCycles);
        });
    }

    /// <summary>
    /// A blocking system call other than uintr_wait (a futex wait, a read). It ends early with EINTR on a user interrupt
    /// only when <see cref="KernelOptions.InterruptBlockingSyscalls"/> is set; otherwise SN is set and the interrupt waits
    /// for the task's next return to user space.
    /// </summary>
    public SyscallResult? BlockInSyscall(SimTask task)
    {
        if (Options.InterruptBlockingSyscalls && task.Receiver is { HandlerUnregistered: false })
        {
            return BlockInterruptible(task) ? null : SyscallResult.Fail(Errno.EINTR, "a user interrupt is pending");
        }

        var cpu = task.Cpu!;
        SwitchOut(task);
        task.RunState = TaskRunState.Blocked;
        task.BlockedOn = cpu;
        return null;
    }

    /// <summary>The kernel's handler for an ordinary interrupt on <paramref name="cpu"/>: the blocked-wait vector wakes its waiters.</summary>
    /// <returns>The tasks woken.</returns>
    public IReadOnlyList<SimTask> HandleInterrupt(LogicalProcessor cpu, byte vector, long time, long wakeCycles, long stepCycles)
    {
        if (vector != KernelConstants.BlockedWaitVector || !_blockedOn.TryGetValue(cpu, out var waiters))
        {
            return Array.Empty<SimTask>();
        }

        var woken = new List<SimTask>();
        foreach (var task in waiters.ToArray())
        {
            if (task.Receiver is { } receiver && Upid.ReadPir(Memory, receiver.UpidAddress) != 0)
            {
                woken.Add(task);
                Wake(task, SyscallResult.Fail(Errno.EINTR, "a user interrupt arrived"), time + wakeCycles, stepCycles);
            }
        }

        return woken;
    }

    /// <summary>Ends a blocking call with <paramref name="result"/> (a time-out, a futex wake) and returns the task to user space.</summary>
    public bool Wake(SimTask task, SyscallResult result, long time, long stepCycles)
    {
        if (task.RunState is not (TaskRunState.BlockedInterruptible or TaskRunState.Blocked))
        {
            return false;
        }

        var cpu = task.BlockedOn!;
        if (_blockedOn.TryGetValue(cpu, out var waiters))
        {
            waiters.Remove(task);
        }

        task.WakeResult = result;
        task.WaitSerial++;   // this sleep is over: its timer, if it has one, must not end the next
        task.RunState = TaskRunState.Runnable;
        if (Scheduler is { } scheduler)
        {
            scheduler.Woken(task, cpu, time);
        }
        else
        {
            ReturnToUser(task, cpu, time, stepCycles);
        }

        return true;
    }

    /// <summary>
    /// Ends a blocking call at once, without the timed return path: the task is back in user space on the core it blocked
    /// on, its UINTR state restored and its UPID pointing at that core again (the hosting layer aborts a call this way
    /// when it raises an exception in the thread). A post made meanwhile is folded into UIRR.
    /// </summary>
    public void AbortBlock(SimTask task, long time)
    {
        if (!IsBlocked(task))
        {
            return;
        }

        var cpu = task.BlockedOn!;
        if (_blockedOn.TryGetValue(cpu, out var waiters))
        {
            waiters.Remove(task);
        }

        task.UintrState = XsaveUintrComponent.Restore(cpu, task.XsaveArea);
        task.StateSaved = false;
        cpu.Registers.CopyFrom(task.UserContext);
        task.Cpu = cpu;
        task.BlockedOn = null;
        task.RunState = TaskRunState.Running;
        task.WakeResult = SyscallResult.Fail(Errno.EINTR, "the call was aborted");
        task.WaitSerial++;
        if (task.Receiver is { Exited: false, HandlerUnregistered: false } receiver)
        {
            RouteNotifications(receiver.UpidAddress, cpu);
            SetSuppress(receiver.UpidAddress, false);
            if (Upid.ReadPir(Memory, receiver.UpidAddress) != 0)
            {
                RequireHost.ProcessNotification(cpu, time);
            }
        }

        cpu.UserMode = true;
        Host?.ReturnedToUser(task, cpu, time);
    }

    public bool IsBlocked(SimTask task) => task.RunState is TaskRunState.BlockedInterruptible or TaskRunState.Blocked;

    /// <summary>
    /// Arms the kernel path and switches out: as in uintr_receiver_wait, only the UPID's NV changes, to the blocked-wait
    /// vector (NDST already names this CPU and SN is clear while the task runs), so a SENDUIPI sends the kernel an IPI that
    /// wakes the task. Checks PIR after arming, so no post slips in between. UIRR is not
    /// looked at: uintr_receiver_wait never reads it (intel/uintr-linux-kernel arch/x86/kernel/uintr_core.c at 2100ffbe,
    /// uintr.c at fed8dc12). An interrupt that sits in UIRR at a system call was not deliverable at the SYSCALL's
    /// boundary, so UIF is 0; it stays recognized and the task sleeps until a new post or the time-out, as on Linux.
    /// </summary>
    /// <returns>Whether the task blocked (false: a post is already pending in PIR).</returns>
    private bool BlockInterruptible(SimTask task)
    {
        var cpu = task.Cpu!;
        ulong upid = task.Receiver!.UpidAddress;
        SetNotificationVector(upid, KernelConstants.BlockedWaitVector);
        bool pending = Options.PlantedBugs.Has(PlantedBugs.MaskedWaitReturnsAtOnce) && cpu.State.Uirr != 0;
        if ((Upid.ReadPir(Memory, upid) != 0 && !Options.PlantedBugs.Has(PlantedBugs.WaitSkipsPendingCheck)) || pending)
        {
            SetNotificationVector(upid, KernelConstants.NotificationVector);
            return false;
        }

        SwitchOut(task, suppressNotifications: false);
        task.RunState = TaskRunState.BlockedInterruptible;
        task.BlockedOn = cpu;
        if (!_blockedOn.TryGetValue(cpu, out var waiters))
        {
            waiters = new List<SimTask>();
            _blockedOn.Add(cpu, waiters);
        }

        waiters.Add(task);
        Scheduler?.Blocked(task, RequireHost.Now);
        return true;
    }

    /// <summary>
    /// Points the UPID's notifications at <paramref name="cpu"/>: NV = the user notification vector, NDST = the CPU's APIC ID
    /// in the encoding of its APIC mode. SN, ON, PIR and the reserved bits stay.
    /// </summary>
    private void RouteNotifications(ulong upid, LogicalProcessor cpu)
    {
        ulong control = Upid.ReadControl(Memory, upid) & ~(NvField | NdstField);
        Upid.WriteControl(Memory, upid, control | ((ulong)KernelConstants.NotificationVector << Upid.NvShift) | Upid.EncodeNdst(cpu.ApicId, cpu.X2ApicMode));
    }

    /// <summary>Sets the UPID's NV, as uintr_receiver_wait does; NDST, SN, ON and PIR stay.</summary>
    private void SetNotificationVector(ulong upid, byte vector)
    {
        ulong control = Upid.ReadControl(Memory, upid) & ~NvField;
        Upid.WriteControl(Memory, upid, control | ((ulong)vector << Upid.NvShift));
    }

    private void SetSuppress(ulong upid, bool suppress)
    {
        ulong control = Upid.ReadControl(Memory, upid);
        Upid.WriteControl(Memory, upid, suppress ? control | Upid.Sn : control & ~Upid.Sn);
    }
}
