using System;
using System.Collections.Generic;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Hardware;
using static Uintr.Emulation.EmulationLayout;

namespace Uintr.Emulation;

/// <summary>
/// The emulated backend: the generated trampolines run natively on real threads of any x86-64 Linux. A send posts
/// into a UPID in memory and, when the hardware would notify, queues a real-time signal to the receiver thread; the
/// signal handler delivers into the trampoline; UIRET, SENDUIPI, CLUI, STUI and TESTUI raise #UD and the SIGILL
/// handler emulates them. Chosen only explicitly (<c>UINTR_BACKEND=emulated</c> or <see cref="UintrBackend.Emulated"/>).
/// </summary>
internal sealed class EmulatedPlatform : NativePlatform
{
    // The receiver of the calling thread (one handler per thread), and the GC root of its code and memory.
    [ThreadStatic]
    private static EmulatedReceiver? t_receiver;

    private readonly string _requestedBy;
    private readonly EmulatedUserInterruptFlag _flag;

    private EmulatedPlatform(EmulatedMachine machine, string requestedBy)
    {
        Machine = machine;
        _requestedBy = requestedBy;
        _flag = new EmulatedUserInterruptFlag(this);
    }

    /// <summary>The process-wide signal handlers, stubs and tables.</summary>
    internal EmulatedMachine Machine { get; }

    public override string Description =>
        $"emulated UINTR backend ({_requestedBy}): the generated trampolines run natively on real threads; notifications are real-time signal " +
        $"{Machine.Signal} and UIRET/SENDUIPI/CLUI/STUI/TESTUI are emulated in a SIGILL handler. Not hardware: deliveries cost tens of microseconds " +
        "instead of well under one, interrupt blocking system calls (EINTR) and use a few KiB of stack.";

    /// <summary>The emulated backend, installing its signal handlers on first use.</summary>
    /// <exception cref="PlatformNotSupportedException">Not x86-64 Linux, or no real-time signal is free.</exception>
    public static EmulatedPlatform Create(string requestedBy) => new(EmulatedMachine.Instance, requestedBy);

    public override UintrSender RegisterSender(UintrFd fd)
    {
        var emulatedFd = OpenFdForSender<EmulatedFd>(fd);
        UserInterrupts.BindCurrentThread(this);
        return emulatedFd.File.Connect(this);
    }

    internal override unsafe UintrReceiver RegisterReceiver(UserInterruptReceiverDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (t_receiver is { IsDisposed: false })
        {
            throw new UintrException(Errno.EBUSY, "uintr_register_handler", "this thread already has a user-interrupt handler");
        }

        Machine.EnsureSignalStillOurs();
        bool alternateStack = (definition.Trampoline.Features & TrampolineFeatures.AlternateStack) != 0;
        var state = new ReceiverNativeState(alternateStack);
        ExecutablePage? trampoline = null;
        int slot = -1;
        try
        {
            trampoline = TrampolineLinker.Map(definition.Trampoline, state);
            slot = Machine.AllocateReceiverBlock();
            byte* block = Machine.Block(slot);
            int threadId = EmulationNative.CurrentThreadId();

            // The UPID: NV = the notification signal, NDST = this thread; ON, SN and PIR clear.
            *(ulong*)(block + UpidControl) = ((ulong)(uint)threadId << 32) | ((ulong)(Machine.Signal & 0xFF) << 16);
            *(ulong*)(block + UpidPir) = 0;
            *(ulong*)(block + Uirr) = 0;
            *(ulong*)(block + Uif) = 0;
            *(ulong*)(block + Handler) = (ulong)trampoline.Address;

            // STACKADJUST as the kernel writes it: 128 (skip the red zone), or the alternate stack's top with bit 0 set
            // (uintr_alt_stack stores sp | 1; the CPU pushes downward from there).
            *(ulong*)(block + StackAdjust) = alternateStack
                ? (ulong)(state.AlternateStackBase + UserInterruptReceiverAttribute.AlternateStackSize) | 1
                : 128UL;
            *(ulong*)(block + TrampolineStart) = (ulong)trampoline.Address;
            *(ulong*)(block + TrampolineEnd) = (ulong)(trampoline.Address + definition.Trampoline.Code.Length);
            *(ulong*)(block + ThreadId) = (ulong)threadId;
            *(ulong*)(block + XsaveCapacity) = (ulong)(Machine.XsaveBufferBytes - 64);
            *(ulong*)(block + BlockWord) = 0;
            *(ulong*)(block + Deliveries) = 0;
            *(ulong*)(block + Notifications) = 0;
            *(ulong*)(block + Uirets) = 0;
            Machine.Publish(slot);

            var receiver = new EmulatedReceiver(this, definition, state, trampoline, slot);
            t_receiver = receiver;
            UserInterrupts.BindCurrentThread(this);

            // UIF is 0 after registration: STUI starts delivery.
            Machine.Stui();
            return receiver;
        }
        catch
        {
            if (slot >= 0)
            {
                Machine.Retire(slot);
            }

            trampoline?.Dispose();
            state.Dispose();
            throw;
        }
    }

    internal override IUserInterruptFlag CurrentThreadFlag() => _flag;

    /// <summary>The calling thread's live receiver on this backend, if any.</summary>
    internal static EmulatedReceiver? CurrentReceiver => t_receiver is { IsDisposed: false } receiver ? receiver : null;

    internal void ForgetReceiver(EmulatedReceiver receiver)
    {
        if (ReferenceEquals(t_receiver, receiver))
        {
            t_receiver = null;
        }
    }
}
