using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// The real UINTR backend: Intel's out-of-tree kernel system calls, a linked trampoline per receiver thread,
/// and SENDUIPI/CLUI/STUI/TESTUI stubs. It exists only when the live probe confirmed the CPU, the kernel
/// enablement and the system calls (<see cref="Create"/>).
/// </summary>
internal sealed class HardwarePlatform : UintrPlatform
{
    // The receiver of the calling thread: one handler per thread, and a GC root for its code and words
    // for as long as the kernel may deliver into them.
    [ThreadStatic]
    private static HardwareReceiver? t_receiver;

    private readonly IUintrKernel _kernel;
    private readonly IUintrInstructions _instructions;
    private readonly HardwareUserInterruptFlag _flag;

    internal HardwarePlatform(HardwareSupport support, IUintrKernel kernel, IUintrInstructions instructions)
    {
        Support = support ?? throw new ArgumentNullException(nameof(support));
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _instructions = instructions ?? throw new ArgumentNullException(nameof(instructions));
        _flag = new HardwareUserInterruptFlag(instructions);
    }

    /// <summary>The kernel calls this backend issues (received and inherited fds are identified through it).</summary>
    internal IUintrKernel Kernel => _kernel;

    /// <summary>What the probe confirmed.</summary>
    public HardwareSupport Support { get; }

    public override string Description => $"UINTR hardware backend ({Support.CpuDescription}; {Support.OperatingSystemDescription}; kernel ABI {HardwareSupport.DescribeAbi(Support.Abi)}; flexible UIRET {(Support.HasFlexibleUiret ? "yes" : "no")})";

    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <summary>The hardware backend for <paramref name="support"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The live probe did not confirm the hardware; the message names the missing piece.</exception>
    public static UintrPlatform Create(HardwareSupport support)
    {
        var syscalls = UintrSyscalls.Open(support);
        return new HardwarePlatform(support, syscalls, UintrInstructionStubs.Shared(syscalls));
    }

    public override long GetTimestamp() => Stopwatch.GetTimestamp();

    public override UintrThread StartThread(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        return new HardwareThread(this, name, body);
    }

    public override UintrSender RegisterSender(UintrFd fd)
    {
        ArgumentNullException.ThrowIfNull(fd);
        if (fd is not HardwareFd hardwareFd)
        {
            throw new ArgumentException($"{fd} belongs to another platform; senders connect only to fds of the same platform.", nameof(fd));
        }

        if (hardwareFd.IsDisposed)
        {
            // The number was closed: the kernel would answer EBADF (or, worse, connect to whatever reuses the number).
            throw new UintrException(Errno.EBADF, "uintr_register_sender", $"fd {hardwareFd.Number} was closed (the UintrFd was disposed)");
        }

        UserInterrupts.BindCurrentThread(this);
        int index = _kernel.RegisterSender(hardwareFd.Number);
        return new HardwareSender(_kernel, _instructions, index, hardwareFd.Number);
    }

    public override (UintrSocket First, UintrSocket Second) CreateSocketPair() => Ipc.SystemSocket.CreatePair(_kernel);

    public override bool SpinUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        long? deadline = WaitDeadline.FromTimeout(timeout, nameof(timeout));
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (WaitDeadline.HasPassed(deadline))
            {
                return false;
            }

            spinner.SpinOnce();
        }

        return true;
    }

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
        ExecutablePage? trampoline = null;
        bool handlerRegistered = false;
        var fds = new List<HardwareFd>();
        try
        {
            trampoline = TrampolineLinker.Map(definition.Trampoline, state);
            _kernel.RegisterHandler(trampoline.Address);
            handlerRegistered = true;
            if (alternateStack)
            {
                _kernel.AltStack(state.AlternateStackBase, UserInterruptReceiverAttribute.AlternateStackSize);
            }
            for (int vector = 0; vector < ReceiverNativeState.VectorCount; vector++)
            {
                if ((definition.VectorMask & (1UL << vector)) != 0)
                {
                    fds.Add(new HardwareFd(_kernel, vector, _kernel.CreateFd(vector)));
                }
            }

            var receiver = new HardwareReceiver(this, _kernel, definition, state, trampoline, fds);
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
                // The kernel may still deliver into the code: keep it and its words (leaked) rather than unmap them.
                throw;
            }

            trampoline?.Dispose();
            state.Dispose();
            throw;
        }
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
