using System;
using System.Collections.Generic;
using Uintr.CompilerServices;
using Uintr.Emulation;
using Uintr.Hardware;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using static Uintr.Emulation.EmulationLayout;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>
/// The emulated backend's signal handlers on the simulator's interpreter, with a model of the two things around them:
/// a CPU without UINTR (the five instructions raise #UD) and the kernel's signal delivery (the frame below RSP - 128:
/// extended state, ucontext, siginfo; rt_sigreturn loads the registers and the extended state back from the context).
/// </summary>
internal sealed class HandlerMachine : ISystemInstructions
{
    public const ulong CodeBase = 0x10_0000;
    public const ulong Globals = 0x20_0000;
    public const ulong Block = 0x21_0000;
    public const ulong XsaveBufferAddress = 0x22_0000;
    public const ulong Uitt = 0x23_0000;
    public const ulong StubPage = 0x30_0000;
    public const ulong TrampolinePage = 0x31_0000;
    public const ulong PendingWord = 0x32_0000;
    public const ulong AlternateStackBase = 0x33_0000;
    public const ulong Restorer = 0x7777_0000;
    public const ulong StackTop = 0x7000_0000;
    public const ulong StackSize = 0x10_0000;
    public const int Tid = 4242;
    public const int Pid = 4200;
    public const ulong Magic = 0x5549_4E54_1234_5678;
    public const int Signal = 64;

    /// <summary>Size of the extended-state frame the modelled kernel writes (a 2,696-byte AVX-512 XSAVE area plus MAGIC2).</summary>
    public const int XstateSize = 2696;

    private readonly X86Interpreter _interpreter;
    private readonly SignalHandlerCode.Handlers _handlers;
    private byte _pattern;

    public HandlerMachine(TrampolineImage? trampoline = null, bool alternateStack = false)
    {
        Memory = new SimulatedMemory();
        Memory.Map(CodeBase, 0x4000);
        Memory.Map(Globals, 0x1000);
        Memory.Map(Block, 0x1000);
        Memory.Map(XsaveBufferAddress, 0x2000);
        Memory.Map(Uitt, 0x1000);
        Memory.Map(StubPage, 0x1000);
        Memory.Map(TrampolinePage, 0x1000);
        Memory.Map(PendingWord, 0x1000);
        Memory.Map(AlternateStackBase, (ulong)UserInterruptReceiverAttribute.AlternateStackSize);
        Memory.Map(StackTop - StackSize, StackSize);

        _handlers = SignalHandlerCode.Build(Globals);
        Memory.Write(CodeBase, _handlers.Code.Code.AsSpan());
        Memory.Write(StubPage, UintrInstructionStubs.Code);

        var image = trampoline ?? Uintr.Simulation.Hosting.DefaultTrampoline.Image;
        TrampolineLength = image.Code.Length;
        Memory.Write(TrampolinePage, image.Link(kind => kind switch
        {
            TrampolinePatchKind.PendingWordAddress => PendingWord,
            TrampolinePatchKind.DeliveryCounterArrayAddress => PendingWord + 0x100,
            _ => PendingWord + 0x400,
        }));

        Write(Globals + GlobalPid, Pid);
        Write(Globals + GlobalMagic, Magic);
        Write(Globals + GlobalSignal, Signal);
        Write(Globals + GlobalStubsStart, StubPage);
        Write(Globals + GlobalStubsEnd, StubPage + (ulong)UintrInstructionStubs.Code.Length);
        Write(Globals + GlobalUitt, Uitt);
        Write(Globals + GlobalUittEntries, UittEntries);
        Write(Globals + GlobalReceiverTable + 8 * 7, Block); // any slot

        Write(Block + UpidControl, ((ulong)Tid << 32) | ((ulong)Signal << 16));
        Write(Block + Handler, TrampolinePage);
        Write(Block + StackAdjust, alternateStack ? (AlternateStackBase + (ulong)UserInterruptReceiverAttribute.AlternateStackSize) | 1 : 128);
        Write(Block + TrampolineStart, TrampolinePage);
        Write(Block + TrampolineEnd, TrampolinePage + (ulong)TrampolineLength);
        Write(Block + ThreadId, Tid);
        Write(Block + XsaveBuffer, XsaveBufferAddress);
        Write(Block + XsaveCapacity, 0x2000 - 64);
        Write(Block + Uif, 1);

        _interpreter = new X86Interpreter(Memory, this);
    }

    public SimulatedMemory Memory { get; }

    public int TrampolineLength { get; }

    /// <summary>rt_tgsigqueueinfo calls: tgid, tid, signal, and the siginfo's code, pid and value.</summary>
    public List<(ulong Tgid, ulong Tid, ulong Signal, int Code, int SenderPid, ulong Value)> Queued { get; } = new();

    /// <summary>rt_sigaction calls: signal and the new action's handler.</summary>
    public List<(ulong Signal, ulong Handler)> SignalActions { get; } = new();

    /// <summary>Whether the last sigreturn found the extended state it saved, byte for byte.</summary>
    public bool LastExtendedStateIntact { get; private set; }

    public ulong Read(ulong address) => Memory.ReadUInt64(address);

    public void Write(ulong address, ulong value) => Memory.WriteUInt64(address, value);

    /// <summary>
    /// Delivers a signal to a thread whose registers are <paramref name="registers"/>, runs the notification handler (or, with <paramref name="illegalInstruction"/>, the SIGILL handler)
    /// until it returns to the restorer (or reaches <paramref name="stopAt"/>), and performs rt_sigreturn.
    /// </summary>
    /// <returns>The handler's registers at its return (or stop).</returns>
    public RegisterFile RaiseSignal(RegisterFile registers, int signal, int code, int senderPid, ulong value, bool illegalInstruction, ulong? stopAt = null)
    {
        // get_sigframe: skip the red zone, extended state 64-byte aligned below it, then ucontext and siginfo.
        ulong sp = registers.Rsp - 128;
        ulong fpstate = (sp - XstateSize - 4) & ~63UL;
        _pattern++;
        var state = new byte[XstateSize + 4];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = (byte)(i * 7 + _pattern);
        }

        BitConverter.GetBytes(FpXstateMagic1).CopyTo(state, FpxSwBytesMagic1);
        BitConverter.GetBytes(XstateSize + 4).CopyTo(state, FpxSwBytesExtendedSize);
        Memory.Write(fpstate, state);

        ulong uc = (fpstate - 1024) & ~15UL;
        ulong info = uc - SiginfoSize;
        for (int i = 0; i < 1024; i += 8)
        {
            Write(uc + (ulong)i, 0);
        }

        for (int i = 0; i < 16; i++)
        {
            Write(uc + (ulong)GregOffset(i), registers[(Gpr)i]);
        }

        Write(uc + UcontextRip, registers.Rip);
        Write(uc + UcontextEflags, registers.Rflags);
        Write(uc + UcontextFpstate, fpstate);
        for (int i = 0; i < SiginfoSize; i += 8)
        {
            Write(info + (ulong)i, 0);
        }

        Memory.WriteUInt32(info + SiginfoSigno, (uint)signal);
        Memory.WriteUInt32(info + SiginfoCode, (uint)code);
        Memory.WriteUInt32(info + SiginfoPid, (uint)senderPid);
        Write(info + SiginfoValue, value);

        var handler = new RegisterFile { Rsp = info - 8, Rip = CodeBase + (ulong)(illegalInstruction ? _handlers.IllegalInstructionEntry : _handlers.NotificationEntry) };
        Write(handler.Rsp, Restorer);
        handler[Gpr.Rdi] = (ulong)signal;
        handler[Gpr.Rsi] = info;
        handler[Gpr.Rdx] = uc;
        _interpreter.Run(handler, new ExecutionLimits(100_000, StopAddress: stopAt ?? Restorer));
        if (stopAt is not null && handler.Rip == stopAt)
        {
            return handler;
        }

        // rt_sigreturn: registers from the context, extended state from wherever uc_mcontext.fpstate points now.
        for (int i = 0; i < 16; i++)
        {
            registers[(Gpr)i] = Read(uc + (ulong)GregOffset(i));
        }

        registers.Rip = Read(uc + UcontextRip);
        registers.Rflags = Read(uc + UcontextEflags);
        var restored = new byte[state.Length];
        Memory.Read(Read(uc + UcontextFpstate), restored);
        LastExtendedStateIntact = restored.AsSpan().SequenceEqual(state);
        return handler;
    }

    /// <summary>Runs user code at RIP until an instruction raises #UD; returns that fault (the kernel's SIGILL).</summary>
    public ArchitecturalFault RunUntilInvalidOpcode(RegisterFile registers)
    {
        try
        {
            _interpreter.Run(registers, new ExecutionLimits(10_000));
        }
        catch (ArchitecturalFault fault) when (fault.Fault == UintrFault.InvalidOpcode)
        {
            return fault;
        }

        throw new InvalidOperationException("The code ran without a #UD.");
    }

    /// <summary>
    /// What the backend does for one notification signal, end to end: the notification handler, then the trampoline and
    /// a SIGILL at its UIRET as often as deliveries follow. Returns the number of trampoline entries.
    /// </summary>
    public int Notify(RegisterFile registers, List<bool>? extendedStateIntact = null)
    {
        RaiseSignal(registers, Signal, SiQueue, Pid, Magic, illegalInstruction: false);
        extendedStateIntact?.Add(LastExtendedStateIntact);
        return FollowDeliveries(registers, extendedStateIntact);
    }

    /// <summary>Runs the trampoline and emulates its UIRET for as long as RIP is at the trampoline's entry.</summary>
    public int FollowDeliveries(RegisterFile registers, List<bool>? extendedStateIntact = null)
    {
        int entries = 0;
        while (registers.Rip == TrampolinePage)
        {
            entries++;
            RunUntilInvalidOpcode(registers);
            RaiseSignal(registers, Sigill, IllIllopn, Pid, 0, illegalInstruction: true);
            extendedStateIntact?.Add(LastExtendedStateIntact);
        }

        return entries;
    }

    public long Uiret(RegisterFile registers) => throw ArchitecturalFault.InvalidOpcode("UIRET", "CPUID.07H.0H:EDX.UINTR[bit 5] = 0");

    public long Clui() => throw ArchitecturalFault.InvalidOpcode("CLUI", "CPUID.07H.0H:EDX.UINTR[bit 5] = 0");

    public long Stui() => throw ArchitecturalFault.InvalidOpcode("STUI", "CPUID.07H.0H:EDX.UINTR[bit 5] = 0");

    public long Testui(RegisterFile registers) => throw ArchitecturalFault.InvalidOpcode("TESTUI", "CPUID.07H.0H:EDX.UINTR[bit 5] = 0");

    public long Senduipi(ulong index) => throw ArchitecturalFault.InvalidOpcode("SENDUIPI", "CPUID.07H.0H:EDX.UINTR[bit 5] = 0");

    /// <summary>The handful of system calls the handlers issue.</summary>
    public long Syscall(RegisterFile registers)
    {
        ulong number = registers[Gpr.Rax];
        ulong result = 0;
        switch (number)
        {
            case SysGettid:
                result = Tid;
                break;
            case SysRtTgsigqueueinfo:
            {
                ulong info = registers[Gpr.R10];
                Queued.Add((registers[Gpr.Rdi], registers[Gpr.Rsi], registers[Gpr.Rdx], (int)Memory.ReadUInt32(info + SiginfoCode), (int)Memory.ReadUInt32(info + SiginfoPid), Read(info + SiginfoValue)));
                break;
            }

            case 202: // futex wake from a WakeWaiter trampoline: nobody waits
                break;
            case SysRtSigaction:
                SignalActions.Add((registers[Gpr.Rdi], Read(registers[Gpr.Rsi])));
                break;
            default:
                throw new InvalidOperationException($"Unexpected system call {number}.");
        }

        // SYSCALL: RCX = return address, R11 = RFLAGS, RAX = result.
        registers[Gpr.Rcx] = registers.Rip;
        registers[Gpr.R11] = registers.Rflags;
        registers[Gpr.Rax] = result;
        return 100;
    }

    /// <summary>Offset of general register <paramref name="gpr"/> (RAX = 0 ... R15 = 15) in the ucontext.</summary>
    public static int GregOffset(int gpr) => UcontextSigcontext + 8 * gpr switch
    {
        0 => 13, // rax
        1 => 14, // rcx
        2 => 12, // rdx
        3 => 11, // rbx
        4 => 15, // rsp
        5 => 10, // rbp
        6 => 9,  // rsi
        7 => 8,  // rdi
        _ => gpr - 8, // r8..r15
    };
}
