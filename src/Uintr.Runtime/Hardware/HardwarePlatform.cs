using System;
using System.Collections.Generic;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// The real UINTR backend: Intel's out-of-tree kernel system calls, a linked trampoline per receiver thread,
/// and SENDUIPI/CLUI/STUI/TESTUI stubs. It exists only when the live probe confirmed the CPU, the kernel
/// enablement and the system calls (<see cref="Create"/>).
/// </summary>
internal sealed class HardwarePlatform : NativePlatform
{
    // The receiver of the calling thread: one handler per thread, and a GC root for its code and words
    // for as long as the kernel may deliver into them.
    [ThreadStatic]
    private static HardwareReceiver? t_receiver;

    private readonly IUintrKernel _kernel;
    private readonly IUintrInstructions _instructions;
    private readonly HardwareUserInterruptFlag _flag;
    private readonly WaitWindow _waitWindow;

    // uintr-next built without CONFIG_X86_UINTR_BLOCKING: register_handler refuses the waiting flags (EINVAL) and
    // uintr_wait answers ENOSYS. Learned once, then every receiver of the process sleeps in slices.
    private volatile bool _kernelCannotWakeSleepers;

    internal HardwarePlatform(HardwareSupport support, IUintrKernel kernel, IUintrInstructions instructions)
    {
        Support = support ?? throw new ArgumentNullException(nameof(support));
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _instructions = instructions ?? throw new ArgumentNullException(nameof(instructions));
        _flag = new HardwareUserInterruptFlag(instructions);
        _waitWindow = WaitWindow.Shared;
    }

    /// <summary>Whether this kernel is known to have no way to wake a sleeping receiver (see <see cref="NoteKernelCannotWakeSleepers"/>).</summary>
    internal bool KernelCannotWakeSleepers => _kernelCannotWakeSleepers;

    /// <summary>Records that the kernel cannot wake a sleeping receiver: blocked waits then sleep in bounded slices.</summary>
    internal void NoteKernelCannotWakeSleepers() => _kernelCannotWakeSleepers = true;

    /// <summary>The kernel calls this backend issues (received and inherited fds are identified through it).</summary>
    internal IUintrKernel Kernel => _kernel;

    /// <summary>What the probe confirmed.</summary>
    public HardwareSupport Support { get; }

    public override string Description => $"UINTR hardware backend ({Support.CpuDescription}; {Support.OperatingSystemDescription}; kernel ABI {HardwareSupport.DescribeAbi(Support.Abi)}; flexible UIRET {(Support.HasFlexibleUiret ? "yes" : "no")})";

    /// <summary>The hardware backend for <paramref name="support"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The live probe did not confirm the hardware; the message names the missing piece.</exception>
    public static UintrPlatform Create(HardwareSupport support)
    {
        var syscalls = UintrSyscalls.Open(support);
        return new HardwarePlatform(support, syscalls, UintrInstructionStubs.Shared(syscalls));
    }

    public override UintrSender RegisterSender(UintrFd fd)
    {
        var hardwareFd = OpenFdForSender<HardwareFd>(fd);
        UserInterrupts.BindCurrentThread(this);
        if (_kernel.Abi != KernelAbi.RfcV1)
        {
            // uintr-next: closing a vector fd does nothing to connected senders (uvecfd_release only drops a UPID
            // reference, arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12), and unregister takes the index.
            int index = _kernel.RegisterSender(hardwareFd.Number);
            return new HardwareSender(_kernel, _instructions, index, fd: -1);
        }

        // RFC v1: the last close of the file unregisters every sender connected through it and marks their UITT entries
        // invalid, so a later SENDUIPI raises #GP, and the sender's task work then clears IA32_UINTR_TT once its UITT is
        // empty (#UD) (uintrfd_release in arch/x86/kernel/uintr_fd.c, do_uintr_unregister_sender and __free_uitt_entry in
        // arch/x86/kernel/uintr_core.c, 2100ffbe). The sender therefore holds its own reference to the file for as long
        // as it lives: the receiver's Dispose or the fd's finalizer can never release the file under it, and
        // uintr_unregister_sender gets that private number, which cannot be closed or reused by anyone else.
        int own = _kernel.Duplicate(hardwareFd.Number);
        try
        {
            int index = _kernel.RegisterSender(own);
            return new HardwareSender(_kernel, _instructions, index, own);
        }
        catch
        {
            _kernel.Close(own);
            throw;
        }
    }

    public override (UintrSocket First, UintrSocket Second) CreateSocketPair() => Ipc.SystemSocket.CreatePair(_kernel);

    internal override UintrReceiver RegisterReceiver(UserInterruptReceiverDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        bool alternateStack = (definition.Trampoline.Features & TrampolineFeatures.AlternateStack) != 0;
        if (alternateStack && _kernel.Abi != KernelAbi.UintrNext)
        {
            throw new NotSupportedException(
                $"{definition.ReceiverTypeName} asks for an alternate interrupt stack ([UserInterruptReceiver(AlternateStack = true)]), but this kernel's ABI is " +
                $"{_kernel.Abi}: uintr_alt_stack exists only in {KernelAbi.UintrNext}.");
        }

        if (t_receiver is { IsDisposed: false })
        {
            // What the kernel would answer; refusing first keeps the thread's live receiver intact.
            throw UintrSyscallErrors.ToException(_kernel.Abi, UintrSyscall.RegisterHandler, (int)Errno.EBUSY);
        }

        var state = new ReceiverNativeState(alternateStack);
        ExecutablePage? handlerPage = null;
        bool handlerRegistered = false;
        var fds = new List<HardwareFd>();

        // Rooted before the kernel hears of any of it (see KernelReferencedMemory for the rule).
        var roots = new object[2];
        roots[0] = state;
        KernelReferencedMemory.Keep(roots);
        try
        {
            handlerPage = TrampolineLinker.Map(definition.Trampoline, state, _waitWindow);
            roots[1] = handlerPage;
            bool kernelWakesSleepers = RegisterHandler(handlerPage.Address);
            handlerRegistered = true;
            if (alternateStack)
            {
                // uintr_alt_stack writes sp | 1 into STACKADJUST and ignores the size (do_uintr_alt_stack in
                // arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12); the CPU aligns it down to 16 and pushes
                // below it, so the kernel must get the top of the block (the selftest syscall_alt_stack.c passes
                // malloc'ed + size too).
                _kernel.AltStack(state.AlternateStackTop, UserInterruptReceiverAttribute.AlternateStackSize);
            }

            for (int vector = 0; vector < ReceiverNativeState.VectorCount; vector++)
            {
                if ((definition.VectorMask & (1UL << vector)) != 0)
                {
                    fds.Add(new HardwareFd(_kernel, vector, _kernel.CreateFd(vector)));
                }
            }

            var receiver = new HardwareReceiver(this, _kernel, definition, state, handlerPage, fds, kernelWakesSleepers);
            KernelReferencedMemory.Keep(receiver);
            KernelReferencedMemory.Release(roots);
            t_receiver = receiver;
            UserInterrupts.BindCurrentThread(this);

            // UIF is 0 after registration: STUI starts delivery (docs/uintr-reference.md section 2).
            _instructions.Stui();
            return receiver;
        }
        catch
        {
            foreach (var fd in fds)
            {
                fd.Dispose();
            }

            if (handlerRegistered && !TryUnregisterHandler())
            {
                // The kernel may still deliver into the code: it stays rooted (leaked) rather than unmapped.
                throw;
            }

            handlerPage?.Dispose();
            state.Dispose();
            KernelReferencedMemory.Release(roots);
            throw;
        }
    }

    /// <summary>
    /// uintr_register_handler: on uintr-next with UINTR_HANDLER_FLAG_WAITING_RECEIVER so that uintr_wait is woken by
    /// interrupts (with flags 0 switch_uintr_prepare sets SN on a sleeping receiver and nothing wakes it:
    /// arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12). Kernels built without CONFIG_X86_UINTR_BLOCKING
    /// refuse the flag with EINVAL; then the handler is registered with 0 and blocked waits sleep in slices.
    /// RFC v1 takes no flags and always wakes uintr_wait (uintr_switch_to_kernel_vector, arch/x86/kernel/uintr_core.c, 2100ffbe).
    /// </summary>
    /// <returns>Whether the kernel wakes the receiver from uintr_wait.</returns>
    private bool RegisterHandler(nint handler)
    {
        if (_kernel.Abi == KernelAbi.RfcV1)
        {
            _kernel.RegisterHandler(handler, UintrHandlerFlags.WaitingNone);
            return true;
        }

        if (!_kernelCannotWakeSleepers)
        {
            try
            {
                _kernel.RegisterHandler(handler, UintrHandlerFlags.WaitingReceiver);
                return true;
            }
            catch (UintrException e) when (e.Errno == Errno.EINVAL)
            {
                _kernelCannotWakeSleepers = true;
            }
        }

        _kernel.RegisterHandler(handler, UintrHandlerFlags.WaitingNone);
        return false;
    }

    internal override IUserInterruptFlag CurrentThreadFlag() => _flag;

    private bool TryUnregisterHandler()
    {
        try
        {
            _kernel.UnregisterHandler();
            return true;
        }
        catch (UintrException)
        {
            return false;
        }
    }

    /// <summary>Drops the calling thread's receiver after it unregistered its handler.</summary>
    internal void ForgetReceiver(HardwareReceiver receiver)
    {
        if (ReferenceEquals(t_receiver, receiver))
        {
            t_receiver = null;
        }
    }
}
