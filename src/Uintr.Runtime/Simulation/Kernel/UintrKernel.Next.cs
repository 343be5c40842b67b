using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>The system calls only the uintr-next revision has: register_self and alt_stack (docs/uintr-reference.md section 8).</summary>
internal sealed partial class UintrKernel
{
    /// <summary>uintr_register_self(vector, flags): a UITT entry that targets the caller's own UPID, without an fd. Returns the index.</summary>
    public SyscallResult RegisterSelf(SimTask task, ulong vector, uint flags)
    {
        if (Abi != KernelAbi.UintrNext)
        {
            return SyscallResult.Fail(Errno.ENOSYS, "uintr_register_self exists only in the uintr-next ABI");
        }

        var created = CreateVectorFile(task, vector, flags, "uintr_register_self");
        if (created.File is null)
        {
            return created.Error;
        }

        var sender = SenderFor(task, create: true)!;
        int index = sender.FirstFreeIndex();
        if (index < 0)
        {
            // do_uintr_unregister_vector only drops the UPID reference: "vectors once registered always stay registered"
            // (arch/x86/kernel/uintr.c at fed8dc12), so the vector stays in the mask.
            return SyscallResult.Fail(Errno.ENOSPC, $"the UITT is full ({KernelConstants.UittEntries} entries)");
        }

        sender.Entries.Add(index, created.File);
        UittEntry.Write(Memory, sender.UittAddress, (ulong)index, valid: true, created.File.Vector, created.File.Receiver.UpidAddress);
        return SyscallResult.Ok(index);
    }

    /// <summary>
    /// uintr_alt_stack(sp, size, flags): deliver on an alternate stack (STACKADJUST = sp with bit 0 set) instead of
    /// skipping the red zone; sp = 0 switches back to the red-zone skip. EOPNOTSUPP without a handler.
    /// </summary>
    public SyscallResult AltStack(SimTask task, ulong sp, ulong size, uint flags)
    {
        if (Abi != KernelAbi.UintrNext)
        {
            return SyscallResult.Fail(Errno.ENOSYS, "uintr_alt_stack exists only in the uintr-next ABI");
        }

        if (Precheck(task, flags) is { } refused)
        {
            return refused;
        }

        if (task.Receiver is not { HandlerUnregistered: false })
        {
            return SyscallResult.Fail(Errno.EOPNOTSUPP, "no handler is registered for this thread");
        }

        // do_uintr_alt_stack (arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12): STACKADJUST = sp | 1 and the
        // size is ignored ("TODO: Validate address and size"); sp = 0 restores the red-zone skip. The caller must pass
        // the TOP of its stack: delivery aligns it down to 16 and pushes below it.
        task.UintrState.StackAdjust = sp != 0 ? sp | 1 : KernelConstants.StackAdjust;
        return SyscallResult.Ok(0);
    }
}
