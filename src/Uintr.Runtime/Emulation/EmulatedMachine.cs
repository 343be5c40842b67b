using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using Uintr.Hardware;
using static Uintr.Emulation.EmulationLayout;

namespace Uintr.Emulation;

/// <summary>
/// What the emulated backend installs once per process: the chosen real-time signal, the two signal handlers (machine
/// code from <see cref="SignalHandlerCode"/>), the SENDUIPI/CLUI/STUI/TESTUI stub page the SIGILL handler recognises,
/// the process-wide UITT and the table of receiver blocks. None of it is ever freed: a handler may run on any thread
/// at any time, and memory it can reach must outlive every such moment.
/// </summary>
internal sealed unsafe class EmulatedMachine
{
    private static readonly Lock s_lock = new();
    private static EmulatedMachine? s_instance;

    private readonly Lock _lock = new();
    private readonly byte* _globals;
    private readonly byte* _uitt;
    private readonly byte*[] _blocks = new byte*[ReceiverSlots];
    private readonly bool[] _blockInUse = new bool[ReceiverSlots];
    private readonly bool[] _uittInUse = new bool[UittEntries];
    private readonly ExecutablePage _handlers;
    private readonly ExecutablePage _stubs;

    private EmulatedMachine(int signal, int xsaveBytes)
    {
        Signal = signal;
        XsaveBufferBytes = xsaveBytes;
        _globals = (byte*)NativeMemory.AlignedAlloc(GlobalBlockSize, 64);
        NativeMemory.Clear(_globals, GlobalBlockSize);
        _uitt = (byte*)NativeMemory.AlignedAlloc(UittEntries * UittEntrySize, 64);
        NativeMemory.Clear(_uitt, UittEntries * UittEntrySize);

        Write(GlobalPid, (ulong)Environment.ProcessId);
        Write(GlobalMagic, 0x5549_4E54_0000_0000UL | (uint)Random.Shared.Next());
        Write(GlobalSignal, (ulong)signal);
        Write(GlobalUitt, (ulong)_uitt);
        Write(GlobalUittEntries, UittEntries);

        _stubs = ExecutablePage.Seal(UintrInstructionStubs.Code);
        Write(GlobalStubsStart, (ulong)_stubs.Address);
        Write(GlobalStubsEnd, (ulong)(_stubs.Address + UintrInstructionStubs.Code.Length));

        var handlers = SignalHandlerCode.Build((ulong)_globals);
        _handlers = ExecutablePage.Seal(handlers.Code.Code.AsSpan());
        NotificationHandler = _handlers.Address + handlers.NotificationEntry;
        IllegalInstructionHandler = _handlers.Address + handlers.IllegalInstructionEntry;
    }

    /// <summary>The real-time signal that carries notifications.</summary>
    public int Signal { get; }

    /// <summary>Bytes of each receiver's buffer for the kernel's saved extended state (CPUID leaf 0xD).</summary>
    public int XsaveBufferBytes { get; }

    /// <summary>Entry of the real-time signal handler.</summary>
    public nint NotificationHandler { get; }

    /// <summary>Entry of the SIGILL handler.</summary>
    public nint IllegalInstructionHandler { get; }

    /// <summary>The SIGILL disposition found at start (the .NET runtime's handler in a .NET process).</summary>
    public nint PreviousIllegalInstructionHandler => (nint)Read(GlobalPreviousIllegalHandler);

    /// <summary>The stub page: SENDUIPI, CLUI, STUI, TESTUI at <see cref="UintrInstructionStubs"/>' offsets.</summary>
    public nint Stubs => _stubs.Address;

    /// <summary>The process-wide block the handlers read (for tests and statistics).</summary>
    public nint Globals => (nint)_globals;

    /// <summary>Real-time signals that did not come from this backend's senders and went on to the previous handler.</summary>
    public long ForeignSignals => (long)Read(GlobalForeignSignals);

    /// <summary>Notifications that found no receiver on the thread (it unregistered meanwhile).</summary>
    public long StaleSignals => (long)Read(GlobalStaleSignals);

    /// <summary>SIGILLs that were not an emulated instruction and went on to the previous handler.</summary>
    public long ChainedIllegalInstructions => (long)Read(GlobalChainedIllegal);

    /// <summary>SENDUIPIs that found an invalid UITT entry inside the handler (a race with the receiver's close).</summary>
    public long DroppedSends => (long)Read(GlobalDroppedSends);

    /// <summary>Notification signals the senders queued.</summary>
    public long NotificationsSent => (long)Read(GlobalNotificationsSent);

    /// <summary>Deliveries postponed because a signal frame held more extended state than the buffer.</summary>
    public long XsaveTooLarge => (long)Read(GlobalXsaveTooLarge);

    /// <summary>The process's machine, installing it on first use.</summary>
    /// <exception cref="PlatformNotSupportedException">Not x86-64 Linux, or every candidate real-time signal is taken.</exception>
    public static EmulatedMachine Instance
    {
        get
        {
            lock (s_lock)
            {
                return s_instance ??= Install();
            }
        }
    }

    /// <summary>The first real-time signal from the top (64 down to 35) whose disposition is still SIG_DFL with no flags.</summary>
    /// <returns>The signal, or 0 when all are taken.</returns>
    public static int ChooseSignal(Func<int, EmulationNative.SignalAction> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (int signal = EmulationNative.LastCandidateSignal; signal >= EmulationNative.FirstCandidateSignal; signal--)
        {
            var action = query(signal);
            if (action.Handler == 0 && (action.Flags & EmulationNative.SaSiginfo) == 0)
            {
                return signal;
            }
        }

        return 0;
    }

    /// <summary>
    /// Bytes a signal frame's extended state can take on this CPU: CPUID.(EAX=0DH,ECX=0):ECX is the XSAVE area for
    /// every feature the processor supports (AMX included), EBX for those XCR0 enables now; plus 64 for MAGIC2 and the
    /// copy loop's 8-byte granularity.
    /// </summary>
    public static int ExtendedStateBufferBytes()
    {
        int size = 4096;
        if (X86Base.IsSupported)
        {
            var (_, ebx, ecx, _) = X86Base.CpuId(0xD, 0);
            size = Math.Max(size, Math.Max(ebx, ecx));
        }

        return (size + 64 + 63) & ~63;
    }

    /// <summary>
    /// Checks that the notification signal still runs this backend's handler: an application's
    /// PosixSignalRegistration or another library that installed a handler on it after start would swallow
    /// notifications.
    /// </summary>
    /// <exception cref="InvalidOperationException">Someone else took the signal.</exception>
    public void EnsureSignalStillOurs()
    {
        var current = EmulationNative.Query(Signal);
        if (current.Handler != NotificationHandler)
        {
            throw new InvalidOperationException(
                $"The emulated UINTR backend's notification signal {Signal} (SIGRTMIN+{Signal - 34}) now runs handler 0x{current.Handler:X} instead of the backend's: " +
                "another library or a PosixSignalRegistration took it after the backend started. Leave that signal to the backend (it chose the highest free one).");
        }

        var illegal = EmulationNative.Query(Sigill);
        if (illegal.Handler != IllegalInstructionHandler)
        {
            throw new InvalidOperationException(
                $"SIGILL now runs handler 0x{illegal.Handler:X} instead of the emulated UINTR backend's, so UIRET and the UINTR stubs can no longer be emulated.");
        }
    }

    /// <summary>A receiver block for the calling thread, cleared and not yet visible to the handlers.</summary>
    public int AllocateReceiverBlock()
    {
        lock (_lock)
        {
            for (int slot = 0; slot < ReceiverSlots; slot++)
            {
                if (_blockInUse[slot])
                {
                    continue;
                }

                if (_blocks[slot] is null)
                {
                    var block = (byte*)NativeMemory.AlignedAlloc(ReceiverBlockSize, 64);
                    NativeMemory.Clear(block, ReceiverBlockSize);
                    var xsave = NativeMemory.AlignedAlloc((nuint)XsaveBufferBytes, 64);
                    NativeMemory.Clear(xsave, (nuint)XsaveBufferBytes);
                    *(ulong*)(block + XsaveBuffer) = (ulong)xsave;
                    _blocks[slot] = block;
                }

                _blockInUse[slot] = true;
                return slot;
            }
        }

        throw new UintrException(Errno.ENOSPC, "uintr_register_handler", $"the emulated backend has room for {ReceiverSlots} receiver threads at once");
    }

    /// <summary>The block of <paramref name="slot"/>.</summary>
    public byte* Block(int slot) => _blocks[slot];

    /// <summary>Makes the block visible to the handlers (after every field is set).</summary>
    public void Publish(int slot) => Volatile.Write(ref ((ulong*)(_globals + GlobalReceiverTable))[slot], (ulong)_blocks[slot]);

    /// <summary>Hides the block from the handlers and frees the slot for reuse (the memory stays).</summary>
    public void Retire(int slot)
    {
        Volatile.Write(ref ((ulong*)(_globals + GlobalReceiverTable))[slot], 0UL);
        lock (_lock)
        {
            _blockInUse[slot] = false;
        }
    }

    /// <summary>A UITT entry pointing at the UPID of <paramref name="slot"/> for <paramref name="vector"/> (uintr_register_sender).</summary>
    public int AllocateUittEntry(int slot, int vector)
    {
        lock (_lock)
        {
            for (int index = 0; index < UittEntries; index++)
            {
                if (_uittInUse[index])
                {
                    continue;
                }

                _uittInUse[index] = true;
                ulong* entry = (ulong*)(_uitt + index * UittEntrySize);
                entry[1] = (ulong)_blocks[slot];
                Volatile.Write(ref entry[0], 1UL | ((ulong)vector << 8));
                return index;
            }
        }

        throw new UintrException(Errno.ENOSPC, "uintr_register_sender", $"the UITT is full ({UittEntries} entries)");
    }

    /// <summary>Whether the entry is still valid (V = 1).</summary>
    public bool IsUittEntryValid(int index) => (Volatile.Read(ref *(ulong*)(_uitt + index * UittEntrySize)) & 1) != 0;

    /// <summary>Clears V: a SENDUIPI through the entry now finds it invalid.</summary>
    public void InvalidateUittEntry(int index) => Volatile.Write(ref *(ulong*)(_uitt + index * UittEntrySize), 0UL);

    /// <summary>Frees an entry for reuse (after <see cref="InvalidateUittEntry"/>).</summary>
    public void ReleaseUittEntry(int index)
    {
        InvalidateUittEntry(index);
        lock (_lock)
        {
            _uittInUse[index] = false;
        }
    }

    /// <summary>SENDUIPI through the stub (a #UD the SIGILL handler emulates).</summary>
    public void Senduipi(ulong index) => ((delegate* unmanaged[SuppressGCTransition]<ulong, void>)(_stubs.Address + UintrInstructionStubs.SendUipiOffset))(index);

    /// <summary>CLUI through the stub.</summary>
    public void Clui() => ((delegate* unmanaged[SuppressGCTransition]<void>)(_stubs.Address + UintrInstructionStubs.CluiOffset))();

    /// <summary>STUI through the stub (delivers a pending interrupt at once).</summary>
    public void Stui() => ((delegate* unmanaged[SuppressGCTransition]<void>)(_stubs.Address + UintrInstructionStubs.StuiOffset))();

    /// <summary>TESTUI through the stub.</summary>
    public bool Testui() => ((delegate* unmanaged[SuppressGCTransition]<int>)(_stubs.Address + UintrInstructionStubs.TestuiOffset))() != 0;

    private static EmulatedMachine Install()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The emulated UINTR backend needs x86-64 Linux (this is {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}).");
        }

        int signal = ChooseSignal(EmulationNative.Query);
        if (signal == 0)
        {
            throw new PlatformNotSupportedException(
                $"The emulated UINTR backend found no free real-time signal: {EmulationNative.FirstCandidateSignal} to {EmulationNative.LastCandidateSignal} all have handlers.");
        }

        var machine = new EmulatedMachine(signal, ExtendedStateBufferBytes());
        machine.InstallHandlers();
        return machine;
    }

    private void InstallHandlers()
    {
        // SIGILL: the runtime's handler stays reachable through ours; ours runs with its flags (SA_ONSTACK) and mask,
        // plus the notification signal, so a notification never lands inside a UIRET or STUI emulation.
        var previousIllegal = EmulationNative.Query(Sigill);
        Write(GlobalPreviousIllegalHandler, (ulong)previousIllegal.Handler);
        var illegal = previousIllegal;
        illegal.Handler = IllegalInstructionHandler;
        illegal.Flags = EmulationNative.SaSiginfo | EmulationNative.SaRestart | (previousIllegal.Flags & EmulationNative.SaOnStack);
        illegal.Restorer = 0;
        illegal.AddToMask(Signal);

        var previousNotification = EmulationNative.Query(Signal);
        Write(GlobalPreviousDeliveryHandler, (ulong)previousNotification.Handler);
        var notification = default(EmulationNative.SignalAction);
        notification.Handler = NotificationHandler;
        notification.Flags = EmulationNative.SaSiginfo | EmulationNative.SaRestart;

        Set(Signal, notification);
        Set(Sigill, illegal);
    }

    private static void Set(int signal, EmulationNative.SignalAction action)
    {
        if (EmulationNative.Sigaction(signal, &action, null) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"sigaction({signal}) failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    private void Write(int offset, ulong value) => Volatile.Write(ref *(ulong*)(_globals + offset), value);

    private ulong Read(int offset) => Volatile.Read(ref *(ulong*)(_globals + offset));

    /// <summary>Statistics as name/value pairs, for reports.</summary>
    public IEnumerable<KeyValuePair<string, long>> Statistics()
    {
        yield return new("notifications sent", NotificationsSent);
        yield return new("foreign signals passed on", ForeignSignals);
        yield return new("stale notifications", StaleSignals);
        yield return new("SIGILLs passed on", ChainedIllegalInstructions);
        yield return new("sends dropped in the handler", DroppedSends);
        yield return new("deliveries postponed (extended state too large)", XsaveTooLarge);
    }
}
