using System;
using System.Collections.Generic;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// A receiver on real hardware: the kernel delivers into the linked trampoline (its own executable page),
/// which sets bits in the pending word; handlers run here, on the registering thread, at safe points.
/// </summary>
internal sealed class HardwareReceiver : NativeReceiver
{
    /// <summary>The longest single uintr_wait on uintr-next (10 ms): the worst-case delay of a wake-up the kernel loses.</summary>
    internal const long BlockSliceMicroseconds = 10_000;

    /// <summary>
    /// The longest futex sleep when the kernel cannot wake a sleeping receiver (uintr-next without
    /// CONFIG_X86_UINTR_BLOCKING, or an RFC v1 wait with a deadline): the latency a blocked Wait can add.
    /// </summary>
    internal const long SleepSliceMicroseconds = 1_000;

    private readonly HardwarePlatform _platform;
    private readonly IUintrKernel _kernel;
    private readonly ExecutablePage _handlerPage;
    private readonly bool _kernelWakesSleepers;

    public HardwareReceiver(
        HardwarePlatform platform,
        IUintrKernel kernel,
        UserInterruptReceiverDefinition definition,
        ReceiverNativeState state,
        ExecutablePage handlerPage,
        IEnumerable<HardwareFd> fds,
        bool kernelWakesSleepers)
        : base(definition, state)
    {
        _platform = platform;
        _kernel = kernel;
        _handlerPage = handlerPage;
        _kernelWakesSleepers = kernelWakesSleepers;
        foreach (var fd in fds)
        {
            AddFd(fd.Vector, fd);
        }
    }

    public override UintrPlatform Platform => _platform;

    /// <summary>The address registered with uintr_register_handler: the wait window's entry stub, which jumps to the trampoline.</summary>
    internal nint HandlerAddress => _handlerPage.Address;

    /// <summary>The generated trampoline, right after the entry stub.</summary>
    internal nint TrampolineAddress => _handlerPage.Address + WaitWindow.EntryStubLength;

    /// <summary>Whether a blocked receiver is woken by the kernel (uintr_wait) rather than sleeping in bounded slices.</summary>
    internal bool KernelWakesSleepers => _kernelWakesSleepers;

    protected override void Dispose(bool disposing)
    {
        // The handler belongs to the registering thread: a finalizer cannot unregister it, so KernelReferencedMemory
        // keeps the page and words alive (for good, if the thread exits without Dispose).
        if (!disposing || !BeginDispose())
        {
            return;
        }

        foreach (var fd in Fds)
        {
            fd.Dispose();
        }

        // Only after the kernel forgot the handler may the code and the words it writes go away. If unregistering
        // fails, the receiver stays rooted in KernelReferencedMemory and nothing is freed.
        _kernel.UnregisterHandler();
        _platform.ForgetReceiver(this);
        _handlerPage.Dispose();
        ReleaseWaitersAndFree();
        KernelReferencedMemory.Release(this);
    }

    protected override unsafe bool BlockUntilPending(long? deadline)
    {
        while (State.ReadPending() == 0)
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            long remaining = deadline is { } end ? Math.Max(1, WaitDeadline.RemainingMicroseconds(end)) : long.MaxValue;
            if (!_kernelWakesSleepers || _platform.KernelCannotWakeSleepers || (!_kernel.WaitSupportsTimeout && deadline is not null))
            {
                // Nothing wakes this thread from a sleep (uintr-next without CONFIG_X86_UINTR_BLOCKING), or the kernel's
                // wait cannot be bounded (RFC v1 as posted): sleep in short slices. On each return to user space the
                // kernel re-sends what was posted meanwhile, and the wait window keeps a delivery from being slept through.
                _kernel.Sleep(State.PendingWord, Math.Min(remaining, SleepSliceMicroseconds));
            }
            else if (_kernel.WaitSupportsTimeout)
            {
                // The wait window closes the user-space race; the slices bound the kernel's own (uintr_wait does not look
                // at pending interrupts before it sleeps).
                WaitInKernel(Math.Min(remaining, BlockSliceMicroseconds));
            }
            else
            {
                // RFC v1: the GitHub tree's uintr_wait returns 0 after 100 us, the LKML posting's only on an interrupt.
                WaitInKernel(0);
            }
        }

        return true;
    }

    private unsafe void WaitInKernel(long microseconds)
    {
        try
        {
            _kernel.Wait(State.PendingWord, microseconds);
        }
        catch (UintrException e) when (e.Errno == Errno.ENOSYS && _kernel.Abi == KernelAbi.UintrNext)
        {
            // uintr_wait answers ENOSYS when the kernel was built without CONFIG_X86_UINTR_BLOCKING (sys_uintr_wait in
            // arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12): UINTR works, blocking waits do not. Sleep in
            // slices from now on.
            _platform.NoteKernelCannotWakeSleepers();
            _kernel.Sleep(State.PendingWord, Math.Min(microseconds, SleepSliceMicroseconds));
        }
    }
}
