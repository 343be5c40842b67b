using System.Collections.Generic;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// The UINTR part of the simulated kernel, following Intel's out-of-tree kernel (docs/uintr-reference.md section 8):
/// the system calls with their errno rules, the UPID and UITT allocation, and fd lifetime. Syscalls return
/// <see cref="SyscallResult"/> as the kernel returns -errno; the hosting layer turns failures into exceptions.
/// </summary>
internal sealed partial class UintrKernel
{
    /// <summary>Supervisor (high-half) region for UPIDs and UITTs.</summary>
    private const ulong KernelRegionStart = 0xFFFF_8880_0000_0000;
    private const ulong KernelRegionEnd = 0xFFFF_8890_0000_0000;

    private readonly AddressSpaceAllocator _kernelMemory;
    private readonly List<SimProcess> _processes = new();
    private int _nextPid = 1000;

    public UintrKernel(SimulatedMemory memory, KernelOptions options, IKernelHost? host = null, bool hardwareSupported = true)
    {
        Memory = memory;
        Options = options;
        Host = host;
        HardwareSupported = hardwareSupported;
        _kernelMemory = new AddressSpaceAllocator(memory, KernelRegionStart, KernelRegionEnd);
    }

    public SimulatedMemory Memory { get; }

    public KernelOptions Options { get; }

    public KernelAbi Abi => Options.Abi;

    /// <summary>The machine: needed by the scheduling paths (context switch, uintr_wait), not by the plain syscalls.</summary>
    public IKernelHost? Host { get; }

    /// <summary>Whether the CPU supports UINTR; without it every UINTR syscall fails (EOPNOTSUPP on RFC v1, ENOSYS on uintr-next).</summary>
    public bool HardwareSupported { get; }

    /// <summary>
    /// Times RFC v1's receiver_clear_uvec emptied PIR while UPID.ON was set. If that post's notification had already been
    /// taken as an ordinary interrupt, ON is orphaned: it stays set until a return to user finds PIR non-zero, and until
    /// then every SENDUIPI sees ON = 1 and sends no notification (a flaw of the RFC v1 kernel the model reproduces).
    /// </summary>
    public long OrphanedOnClears { get; private set; }

    public SimProcess CreateProcess()
    {
        var process = new SimProcess(_nextPid);
        _nextPid += 100;
        _processes.Add(process);
        return process;
    }

    public SimTask CreateTask(SimProcess process, string name)
    {
        // A new thread starts with SENDUIPI disabled even when its process has a UITT: uintr-next activates it on the
        // thread's first SENDUIPI (see FixupSenduipiInvalidOpcode).
        var task = new SimTask(process.Pid + process.TaskCount, process, name) { XsaveArea = _kernelMemory.Allocate(64, 64) };
        process.Tasks.Add(task);
        return task;
    }

    /// <summary>UINTR_HANDLER_FLAG_WAITING_RECEIVER (arch/x86/include/uapi/asm/uintr.h, intel/uintr-linux-kernel 533d395f).</summary>
    public const uint WaitingReceiverFlag = 0x1000;

    /// <summary>UINTR_HANDLER_FLAG_WAITING_SENDER.</summary>
    public const uint WaitingSenderFlag = 0x2000;

    /// <summary>
    /// uintr_register_handler(handler, flags): allocate the UPID, program the receiver MSRs; UIF is left as the thread set it (a new thread starts with 0). uintr-next
    /// accepts the waiting flags (only when built with CONFIG_X86_UINTR_BLOCKING) and keeps a thread's UPID, its PIR and
    /// its registered vectors across unregister/register (do_uintr_register_handler, arch/x86/kernel/uintr.c, fed8dc12);
    /// RFC v1 allocates a new UPID every time (arch/x86/kernel/uintr_core.c, 2100ffbe).
    /// </summary>
    public SyscallResult RegisterHandler(SimTask task, ulong handler, uint flags)
    {
        uint allowed = Abi == KernelAbi.UintrNext ? WaitingReceiverFlag | WaitingSenderFlag : 0;
        if (Precheck(task, flags & ~allowed) is { } refused)
        {
            return refused;
        }

        if (flags != 0 && !Options.BlockingConfigured)
        {
            return SyscallResult.Fail(Errno.EINVAL, "the waiting flags need a kernel built with CONFIG_X86_UINTR_BLOCKING");
        }

        if (handler == 0)
        {
            return SyscallResult.Fail(Errno.EFAULT, "the handler address is 0");
        }

        if (task.Receiver is { HandlerUnregistered: false })
        {
            return SyscallResult.Fail(Errno.EBUSY, "a handler is already registered for this thread");
        }

        var cpu = task.Cpu ?? throw new System.InvalidOperationException($"Task {task.Name} is not running.");
        var reused = Abi == KernelAbi.UintrNext && task.Receiver is { Exited: false } previous ? previous : null;
        ulong upid = reused?.UpidAddress ?? _kernelMemory.Allocate(Upid.Alignment, Upid.Alignment);

        // NV and NDST name this CPU (do_uintr_register_handler writes those two fields). A new UPID is zero (alloc_upid's
        // kzalloc; the allocator hands out fresh memory). A reused one keeps ON and its PIR, and its SN is cleared as
        // switch_uintr_return does on the way back to user space, which also re-sends what the PIR holds (below).
        Upid.WriteControl(Memory, upid, (Upid.ReadControl(Memory, upid) & Upid.On) | Upid.ComposeControl(KernelConstants.NotificationVector, cpu.ApicId, cpu.X2ApicMode));

        var state = task.UintrState;
        state.WriteMsr(UintrMsr.Handler, handler);
        state.WriteMsr(UintrMsr.StackAdjust, KernelConstants.StackAdjust);
        state.WriteMsr(UintrMsr.Pd, upid);
        state.WriteMsr(UintrMsr.Misc, state.Uittsz | ((ulong)KernelConstants.NotificationVector << 32));
        var receiver = reused ?? new ReceiverContext(task, upid, handler);
        receiver.Handler = handler;
        receiver.HandlerUnregistered = false;
        receiver.Flags = flags;
        receiver.WakesFromSleep = Abi == KernelAbi.RfcV1 || (flags & WaitingReceiverFlag) != 0;
        task.Receiver = receiver;
        if (Upid.ReadPir(Memory, upid) != 0)
        {
            // Posts made while no handler was registered (only a reused UPID has any) reach the new one.
            Host?.ProcessNotification(cpu, Host.Now);
        }

        return SyscallResult.Ok(0);
    }

    /// <summary>uintr_unregister_handler(flags): disable every vector and stop notifications.</summary>
    public SyscallResult UnregisterHandler(SimTask task, uint flags)
    {
        if (Precheck(task, flags) is { } refused)
        {
            return refused;
        }

        if (task.Receiver is not { HandlerUnregistered: false } receiver)
        {
            return SyscallResult.Fail(Errno.EINVAL, "no handler is registered for this thread");
        }

        DisableReceiver(receiver);
        receiver.HandlerUnregistered = true;
        var state = task.UintrState;
        state.Handler = 0;
        state.StackAdjust = 0;
        state.UpidAddress = 0;
        state.Uinv = 0;
        state.Uirr = 0;
        return SyscallResult.Ok(0);
    }

    /// <summary>uintr_create_fd(vector, flags) (uintr_vector_fd on uintr-next): one fd per vector.</summary>
    public SyscallResult CreateFd(SimTask task, ulong vector, uint flags)
    {
        var created = CreateVectorFile(task, vector, flags, "uintr_create_fd");
        return created.File is null ? created.Error : SyscallResult.Ok(task.Process.Install(created.File));
    }

    /// <summary>uintr_register_sender(fd, flags): allocate a UITT entry for the fd's receiver vector; returns the index.</summary>
    public SyscallResult RegisterSender(SimTask task, int fd, uint flags)
    {
        if (Precheck(task, flags) is { } refused)
        {
            return refused;
        }

        if (!task.Process.TryGetFile(fd, out var file))
        {
            return SyscallResult.Fail(Errno.EBADF, $"fd {fd} is not open");
        }

        if (file is not UintrFile target)
        {
            return SyscallResult.Fail(Errno.EOPNOTSUPP, $"fd {fd} is a {file.Kind}, not a uintr fd");
        }

        // receiver_active: RFC v1 clears it in unregister_handler and at exit; uintr-next only at exit (its
        // unregister_handler leaves it set, arch/x86/kernel/uintr.c fed8dc12). Neither tree has ECONNRESET.
        if (target.Receiver.Exited || (Abi == KernelAbi.RfcV1 && target.Receiver.HandlerUnregistered))
        {
            return SyscallResult.Fail(Errno.ESHUTDOWN, $"the receiver of fd {fd} {(target.Receiver.Exited ? "has exited" : "unregistered its handler")}");
        }

        var sender = SenderFor(task, create: true)!;
        if (Abi == KernelAbi.RfcV1 && sender.FindIndex(target) >= 0)
        {
            return SyscallResult.Fail(Errno.EISCONN, $"this sender is already connected to fd {fd}");
        }

        int index = sender.FirstFreeIndex();
        if (index < 0)
        {
            return SyscallResult.Fail(Errno.ENOSPC, $"the UITT is full ({KernelConstants.UittEntries} entries)");
        }

        sender.Entries.Add(index, target);
        UittEntry.Write(Memory, sender.UittAddress, (ulong)index, valid: true, target.Vector, target.Receiver.UpidAddress);
        return SyscallResult.Ok(index);
    }

    /// <summary>
    /// uintr_unregister_sender: RFC v1 names the connection by fd, uintr-next by UITT index. EINVAL when there is no
    /// connection; on RFC v1 EOPNOTSUPP when the fd is not a uintr fd (sys_uintr_unregister_sender, arch/x86/kernel/uintr_fd.c
    /// at 2100ffbe).
    /// </summary>
    public SyscallResult UnregisterSender(SimTask task, long fdOrIndex, uint flags)
    {
        if (Precheck(task, flags) is { } refused)
        {
            return refused;
        }

        var sender = SenderFor(task, create: false);
        if (Abi == KernelAbi.RfcV1)
        {
            if (!task.Process.TryGetFile((int)fdOrIndex, out var file))
            {
                return SyscallResult.Fail(Errno.EBADF, $"fd {fdOrIndex} is not open");
            }

            if (file is not UintrFile target)
            {
                return SyscallResult.Fail(Errno.EOPNOTSUPP, $"fd {fdOrIndex} is a {file.Kind}, not a uintr fd");
            }

            int connected = sender?.FindIndex(target) ?? -1;
            if (connected < 0)
            {
                return SyscallResult.Fail(Errno.EINVAL, $"this thread is not a sender through fd {fdOrIndex}");
            }

            // do_uintr_unregister_sender marks the entry invalid at once and frees it by task work (sender_free_uitte),
            // which the caller runs on its way back to user space; the last entry tears the UITT down.
            UittEntry.Write(Memory, sender!.UittAddress, (ulong)connected, valid: false, 0, 0);
            sender.PendingFree.Add(connected);
            RunTaskWork(task);
            return SyscallResult.Ok(0);
        }

        // The syscall's uipi_index is an int (SYSCALL_DEFINE2(uintr_unregister_sender, int, uipi_index, ...),
        // arch/x86/kernel/uintr.c at fed8dc12): only the low 32 bits of the argument count.
        int index = unchecked((int)fdOrIndex);
        if (sender is null || !sender.Entries.Remove(index))
        {
            return SyscallResult.Fail(Errno.EINVAL, $"no sender connection at UITT index {index}");
        }

        UittEntry.Write(Memory, sender.UittAddress, (ulong)index, valid: false, 0, 0);
        return SyscallResult.Ok(0);
    }

    /// <summary>
    /// close(fd) by <paramref name="caller"/>: the last reference to a uintr file unregisters its vector. The receiver's
    /// state belongs to the receiver task, so the kernel queues that as task work the receiver runs on its next kernel
    /// entry or return to user space (at once when the receiver itself closes).
    /// </summary>
    public SyscallResult Close(SimTask caller, int fd)
    {
        var process = caller.Process;
        if (!process.HasFd(fd))
        {
            return SyscallResult.Fail(Errno.EBADF, $"fd {fd} is not open");
        }

        var file = process.Remove(fd);
        if (file.References == 0)
        {
            Release(file, caller);
        }

        // uintr-next: uvecfd_release only drops a UPID reference; "vectors once registered always stay registered"
        // (arch/x86/kernel/uintr.c, fed8dc12), and connected senders keep working.
        return SyscallResult.Ok(0);
    }

    /// <summary>
    /// The last reference to <paramref name="file"/> is gone (an fd closed, an unreceived SCM_RIGHTS message dropped),
    /// in any process: the file's release operation runs, as the kernel's final fput does.
    /// </summary>
    private void Release(KernelFile file, SimTask caller)
    {
        switch (file)
        {
            case UintrFile last when Abi == KernelAbi.RfcV1:
                // uintrfd_release (arch/x86/kernel/uintr_fd.c, 2100ffbe): every sender connected through the file is
                // unregistered; its UITT entry is marked invalid at once ("any new senduipi results in a #GP") and freed by
                // task work on the sender, which tears the sender's UITT down (IA32_UINTR_TT = 0, so #UD) once it is empty.
                KillSendersOf(last);
                last.Receiver.PendingUnregister |= 1UL << last.Vector;
                if (last.Receiver.Task == caller)
                {
                    RunTaskWork(caller);
                }

                break;
            case SocketFile end:
                ReleaseSocket(end, caller);
                break;
        }
    }

    /// <summary>
    /// Task work the task runs on kernel entry and before returning to user space: deferred vector unregistration and,
    /// on RFC v1, freeing the UITT entries whose receiver file was released (sender_free_uitte). RFC v1's
    /// receiver_clear_uvec also clears the vector's bit in the UPID's PIR, so a post made before the close is dropped
    /// (UIRR is left alone: an interrupt already recognized is still delivered); it does nothing once the handler is
    /// unregistered (intel/uintr-linux-kernel arch/x86/kernel/uintr_core.c at 2100ffbe). uintr-next's release path keeps
    /// that clearing commented out (arch/x86/kernel/uintr.c at fed8dc12, do_uintr_unregister_vector).
    /// </summary>
    public void RunTaskWork(SimTask task)
    {
        if (task.Receiver is { PendingUnregister: not 0 } receiver)
        {
            // Only RFC v1's uintrfd_release queues this work (see Release).
            if (!receiver.HandlerUnregistered && !Options.PlantedBugs.Has(PlantedBugs.LastCloseKeepsPirBit))
            {
                // clear_bit(uvec, &upid->puir): one locked operation. ON is left as it is: when the post's notification was
                // already taken as an ordinary interrupt (the task was switched out or asleep), ON stays set with PIR empty,
                // so switch_uintr_return sends no self-IPI and no later SENDUIPI notifies (see OrphanedOnClears).
                ulong upid = receiver.UpidAddress;
                ulong pir = Upid.ReadPir(Memory, upid);
                Upid.WritePir(Memory, upid, pir & ~receiver.PendingUnregister);
                if (pir != 0 && (pir & ~receiver.PendingUnregister) == 0 && (Upid.ReadControl(Memory, upid) & Upid.On) != 0)
                {
                    OrphanedOnClears++;
                }
            }

            receiver.RegisteredVectors &= ~receiver.PendingUnregister;
            receiver.PendingUnregister = 0;
        }

        if (task.Sender is { PendingFree.Count: > 0 } sender)
        {
            // sender_free_uitte: the entry's 16 bytes are already 0 (cleared when the connection was dropped).
            foreach (int index in sender.PendingFree)
            {
                sender.Entries.Remove(index);
            }

            sender.PendingFree.Clear();
            if (sender.Entries.Count == 0)
            {
                // teardown_uitt: IA32_UINTR_TT = 0 and UITTSZ = 0; a later SENDUIPI raises #UD.
                var state = task.UintrState;
                state.WriteMsr(UintrMsr.Tt, 0);
                state.WriteMsr(UintrMsr.Misc, (ulong)state.Uinv << 32);
                task.Sender = null;
            }
        }
    }

    private void KillSendersOf(UintrFile file)
    {
        foreach (var process in _processes)
        {
            foreach (var member in process.Tasks)
            {
                if (member.Sender is { } sender)
                {
                    foreach (var (index, target) in sender.Entries)
                    {
                        if (target == file && !sender.PendingFree.Contains(index))
                        {
                            UittEntry.Write(Memory, sender.UittAddress, (ulong)index, valid: false, 0, 0);
                            sender.PendingFree.Add(index);
                        }
                    }
                }
            }
        }
    }

    /// <summary>dup(fd): a new fd for the same open file, at the lowest free number.</summary>
    public SyscallResult Dup(SimProcess process, int fd)
    {
        if (!process.TryGetFile(fd, out var file))
        {
            return SyscallResult.Fail(Errno.EBADF, $"fd {fd} is not open");
        }

        return SyscallResult.Ok(process.Install(file));
    }

    /// <summary>Task exit: a receiver's UPID stays allocated while senders hold it, with SN set so sends notify nobody.</summary>
    public void ExitTask(SimTask task)
    {
        if (task.Receiver is { } receiver)
        {
            DisableReceiver(receiver);
            receiver.Exited = true;
        }

        ResetUintrState(task);
        task.Exited = true;
        task.RunState = TaskRunState.Exited;
    }

    /// <summary>Registers <paramref name="vector"/> for the task's receiver and returns the file that stands for it.</summary>
    private (UintrFile? File, SyscallResult Error) CreateVectorFile(SimTask task, ulong vector, uint flags, string syscall)
    {
        if (Precheck(task, flags) is { } refused)
        {
            return (null, refused);
        }

        if (task.Receiver is not { HandlerUnregistered: false } receiver)
        {
            return (null, SyscallResult.Fail(Errno.EINVAL, $"{syscall}: no handler is registered for this thread"));
        }

        if (vector >= KernelConstants.VectorCount)
        {
            return (null, SyscallResult.Fail(Errno.ENOSPC, $"vector {vector} is not below {KernelConstants.VectorCount}"));
        }

        ulong bit = 1UL << (int)vector;
        if ((receiver.RegisteredVectors & bit) != 0 && Abi == KernelAbi.RfcV1)
        {
            return (null, SyscallResult.Fail(Errno.EBUSY, $"vector {vector} is already registered by this thread"));
        }

        receiver.RegisteredVectors |= bit;
        return (new UintrFile(receiver, (int)vector), default);
    }

    private SyscallResult? Precheck(SimTask task, uint flags)
    {
        RunTaskWork(task);
        return Precheck(flags);
    }

    private SyscallResult? Precheck(uint flags)
    {
        if (!HardwareSupported)
        {
            return Abi == KernelAbi.RfcV1
                ? SyscallResult.Fail(Errno.EOPNOTSUPP, "the CPU does not support user interrupts")
                : SyscallResult.Fail(Errno.ENOSYS, "the CPU does not support user interrupts");
        }

        return flags != 0 ? SyscallResult.Fail(Errno.EINVAL, $"flags must be 0 (got 0x{flags:X})") : null;
    }

    private void DisableReceiver(ReceiverContext receiver)
    {
        ulong upid = receiver.UpidAddress;
        Upid.WriteControl(Memory, upid, Upid.ReadControl(Memory, upid) | Upid.Sn);
    }

    private SenderContext? SenderFor(SimTask task, bool create)
    {
        if (!Options.UittIsShared)
        {
            if (task.Sender is null && create)
            {
                task.Sender = NewSender();
                EnableSenduipi(task, task.Sender);
            }

            return task.Sender;
        }

        // A per-process UITT (uintr-next, arch/x86/kernel/uintr.c at fed8dc12): do_uintr_register_sender programs the
        // sender MSRs of the calling thread only (uintr_set_sender_msrs warns for any other task); the process's other
        // threads get them on their first SENDUIPI, through the #UD fix-up (FixupSenduipiInvalidOpcode).
        var process = task.Process;
        if (Options.PlantedBugs.Has(PlantedBugs.SharedUittWritesStaleState))
        {
            return PlantedEnableEveryThread(process, create);
        }

        if (process.SharedSender is null && create)
        {
            process.SharedSender = NewSender();
        }

        if (create && process.SharedSender is { } shared && !IsSenderActivated(task))
        {
            EnableSenduipi(task, shared);
        }

        return process.SharedSender;
    }

    /// <summary>
    /// uintr-next's #UD fix-up (arch/x86/kernel/traps.c at 533d395f, fixup_senduipi_ud_exception): a SENDUIPI that faults
    /// with #UD in a thread whose sender MSRs are not programmed, while its process has a UITT, gets them programmed and
    /// the instruction runs again; any other #UD stays a SIGILL.
    /// </summary>
    /// <returns>Whether the kernel fixed the fault (the caller re-executes SENDUIPI).</returns>
    public bool FixupSenduipiInvalidOpcode(SimTask task)
    {
        if (!Options.UittIsShared || Options.PlantedBugs.Has(PlantedBugs.SharedUittWritesStaleState) || task.Process.SharedSender is not { } shared || task.Exited || IsSenderActivated(task))
        {
            return false;
        }

        EnableSenduipi(task, shared);
        return true;
    }

    /// <summary>
    /// start_update_xsave_msrs + xsave_rdmsrl: a task's UINTR MSR where it lives now, the CPU's register while the task's
    /// state is loaded, else the XSAVE image XRSTORS will load.
    /// </summary>
    public ulong ReadTaskMsr(SimTask task, uint msr) =>
        task.StateSaved ? XsaveUintrComponent.ReadMsr(Memory, task.XsaveArea, msr) : task.UintrState.ReadMsr(msr);

    /// <summary>start_update_xsave_msrs + xsave_wrmsrl: writes a task's UINTR MSR where it lives now (see <see cref="ReadTaskMsr"/>).</summary>
    public void WriteTaskMsr(SimTask task, uint msr, ulong value)
    {
        if (task.StateSaved)
        {
            XsaveUintrComponent.WriteMsr(Memory, task.XsaveArea, msr, value);
        }
        else
        {
            task.UintrState.WriteMsr(msr, value);
        }
    }

    /// <summary>
    /// The UINTR component back to its init state (every MSR 0, UIRR 0, UIF 0), in the live registers when loaded, else in
    /// the image. Exit: uintr_free writes the six MSRs 0 (uintr_core.c at 2100ffbe, uintr.c at fed8dc12). Exec:
    /// flush_thread's fpu_flush_thread resets the whole FPU state, supervisor components included, to init
    /// (arch/x86/kernel/process.c at 0e6deec8). Either way SENDUIPI is disabled on the CPU the task runs on.
    /// </summary>
    private void ResetUintrState(SimTask task)
    {
        if (Options.PlantedBugs.Has(PlantedBugs.ExecKeepsSenduipi) && !task.StateSaved)
        {
            task.UintrState = new UserInterruptState();   // the planted defect: a fresh object; the CPU keeps the old one
        }
        else
        {
            foreach (uint msr in new[] { UintrMsr.Misc, UintrMsr.Tt, UintrMsr.Pd, UintrMsr.Rr, UintrMsr.StackAdjust, UintrMsr.Handler })
            {
                WriteTaskMsr(task, msr, 0);
            }

            if (task.StateSaved)
            {
                Memory.WriteUInt64(task.XsaveArea + 16, 0);
            }
            else
            {
                task.UintrState.Uif = false;
            }
        }
    }

    /// <summary>
    /// The planted defect <see cref="PlantedBugs.SharedUittWritesStaleState"/>: the first registration programs every
    /// thread of the process through a state object, which for a switched-out thread is a copy that XRSTORS never loads.
    /// </summary>
    private SenderContext? PlantedEnableEveryThread(SimProcess process, bool create)
    {
        if (process.SharedSender is null && create)
        {
            var shared = NewSender();
            process.SharedSender = shared;
            foreach (var member in process.Tasks)
            {
                var state = member.StateSaved ? new UserInterruptState() : member.UintrState;
                state.WriteMsr(UintrMsr.Tt, shared.UittAddress | UintrMsr.TtValid);
                state.WriteMsr(UintrMsr.Misc, (ulong)(KernelConstants.UittEntries - 1) | ((ulong)state.Uinv << 32));
            }
        }

        return process.SharedSender;
    }

    private bool IsSenderActivated(SimTask task) => (ReadTaskMsr(task, UintrMsr.Tt) & UintrMsr.TtValid) != 0;

    private SenderContext NewSender() =>
        new(_kernelMemory.Allocate((ulong)(KernelConstants.UittEntries * UittEntry.Size), SimulatedMemory.PageSize));

    /// <summary>init_uitt / uintr_set_sender_msrs: IA32_UINTR_TT = UITT | 1 and UITTSZ = 255, keeping UINV (MISC bits 63:32).</summary>
    private void EnableSenduipi(SimTask task, SenderContext sender)
    {
        WriteTaskMsr(task, UintrMsr.Tt, sender.UittAddress | UintrMsr.TtValid);
        ulong misc = ReadTaskMsr(task, UintrMsr.Misc) & 0xFFFF_FFFF_0000_0000UL;
        WriteTaskMsr(task, UintrMsr.Misc, misc | (ulong)(KernelConstants.UittEntries - 1));
    }
}
