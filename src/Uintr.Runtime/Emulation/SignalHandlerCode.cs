using Uintr.Emulation.MachineCode;
using static Uintr.Emulation.EmulationLayout;
using M = Uintr.Emulation.MachineCode.MemoryOperand;
using R = Uintr.Emulation.MachineCode.Register64;

namespace Uintr.Emulation;

/// <summary>
/// The two signal handlers of the emulated backend, as position-independent, libc-free machine code built with the
/// project's x86 encoder: the notification handler (the real-time signal: notification processing, then user-interrupt
/// delivery when UIF = 1) and the #UD handler (SIGILL: UIRET in a registered trampoline, CLUI/STUI/TESTUI/SENDUIPI in
/// the runtime's stubs; every other SIGILL goes to the handler installed before). Both take the kernel's
/// <c>(int signo, siginfo_t* info, ucontext_t* context)</c> and change the interrupted thread only through the
/// context, which rt_sigreturn loads back, so they may clobber any register. They read no thread-local storage and
/// call nothing: the current receiver is found by thread id (gettid) or by the faulting address.
/// </summary>
internal static class SignalHandlerCode
{
    /// <summary>The code, with both entry points.</summary>
    /// <param name="Code">The machine code and its instruction list.</param>
    /// <param name="NotificationEntry">Offset of the real-time signal handler.</param>
    /// <param name="IllegalInstructionEntry">Offset of the SIGILL handler.</param>
    internal readonly record struct Handlers(TrampolineCode Code, int NotificationEntry, int IllegalInstructionEntry);

    /// <summary>Builds the handlers with <paramref name="globals"/> (the process-wide block) baked in.</summary>
    public static Handlers Build(ulong globals)
    {
        var asm = new X86Encoder();
        var deliver = asm.NewLabel("deliver");
        var findByThread = asm.NewLabel("find_receiver_by_thread");
        var findByAddress = asm.NewLabel("find_receiver_by_address");

        int notificationEntry = asm.Length;
        EmitNotificationHandler(asm, globals, deliver, findByThread);
        int illegalEntry = asm.Length;
        EmitIllegalInstructionHandler(asm, globals, deliver, findByThread, findByAddress);
        EmitDeliver(asm, deliver);
        EmitFindReceiver(asm, findByThread, byAddress: false);
        EmitFindReceiver(asm, findByAddress, byAddress: true);
        return new Handlers(asm.Assemble(), notificationEntry, illegalEntry);
    }

    /// <summary>
    /// The real-time signal. Ours only when si_code is SI_QUEUE, si_pid is this process and si_value is the process's
    /// magic; anything else goes on to the handler installed before. Then, as the CPU on the notification vector
    /// (SDM "User-Interrupt Notification Processing"): clear ON, move PIR into UIRR; and, as at any instruction
    /// boundary, deliver when UIRR != 0 and UIF = 1.
    /// </summary>
    private static void EmitNotificationHandler(X86Encoder asm, ulong globals, Label deliver, Label findByThread)
    {
        var foreign = asm.NewLabel("notification_foreign");
        var stale = asm.NewLabel("notification_stale");
        var done = asm.NewLabel("notification_done");

        asm.MovImmediate64(R.R15, globals);
        asm.CmpImmediate32(M.At(R.Rsi, SiginfoCode), SiQueue).Jump(Condition.NotEqual, foreign);
        asm.MovLoad32(Register32.Eax, M.At(R.Rsi, SiginfoPid));
        asm.CmpLoad(R.Rax, M.At(R.R15, GlobalPid)).Jump(Condition.NotEqual, foreign);
        asm.MovLoad(R.Rax, M.At(R.Rsi, SiginfoValue));
        asm.CmpLoad(R.Rax, M.At(R.R15, GlobalMagic)).Jump(Condition.NotEqual, foreign);

        asm.MovRegister(R.R12, R.Rdx);
        asm.Call(findByThread);
        asm.TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, stale);

        // Notification processing: ON = 0, then UIRR |= xchg(PIR, 0).
        asm.LockAndImmediate8(M.At(R.Rbx, UpidControl), -2);
        asm.Zero(Register32.Eax);
        asm.Xchg(M.At(R.Rbx, UpidPir), R.Rax);
        asm.MovLoad(R.Rcx, M.At(R.Rbx, Uirr)).OrRegisters(R.Rcx, R.Rax).MovStore(M.At(R.Rbx, Uirr), R.Rcx);
        asm.LockIncQword(M.At(R.Rbx, Notifications));

        // A receiver blocked in FUTEX_WAIT on this word returns (EAGAIN) when the call restarts.
        asm.MovStoreImmediate32(M.At(R.Rbx, BlockWord), 1);
        asm.MovLoad(R.Rax, M.At(R.Rbx, Uif)).TestRegisters(R.Rax, R.Rax).Jump(Condition.Equal, done);
        asm.Call(deliver);
        asm.Bind(done).Ret();

        asm.Bind(stale).LockIncQword(M.At(R.R15, GlobalStaleSignals)).Ret();

        // Not our sender: the previous handler gets the signal with the untouched arguments (a tail call).
        asm.Bind(foreign).LockIncQword(M.At(R.R15, GlobalForeignSignals));
        asm.MovLoad(R.Rax, M.At(R.R15, GlobalPreviousDeliveryHandler));
        asm.CmpImmediate(R.Rax, 1).Jump(Condition.BelowOrEqual, done); // SIG_DFL (0) or SIG_IGN (1): dropped
        asm.Push(R.Rax).Ret();
    }

    /// <summary>
    /// SIGILL. Emulated only when the kernel reports #UD (ILL_ILLOPN) at a UIRET inside a registered trampoline or at
    /// one of the four instructions of the runtime's stub page; every other SIGILL is passed on.
    /// </summary>
    private static void EmitIllegalInstructionHandler(X86Encoder asm, ulong globals, Label deliver, Label findByThread, Label findByAddress)
    {
        var chain = asm.NewLabel("sigill_chain");
        var notTrampoline = asm.NewLabel("sigill_not_trampoline");
        var clui = asm.NewLabel("sigill_clui");
        var stui = asm.NewLabel("sigill_stui");
        var testui = asm.NewLabel("sigill_testui");
        var senduipi = asm.NewLabel("sigill_senduipi");
        var advance = asm.NewLabel("sigill_advance");
        var advanceAndDeliver = asm.NewLabel("sigill_advance_deliver");
        var dropped = asm.NewLabel("sigill_dropped");
        var restoreDefault = asm.NewLabel("sigill_restore_default");

        asm.MovImmediate64(R.R15, globals);
        asm.MovRegister(R.R13, R.Rdi).MovRegister(R.R14, R.Rsi).MovRegister(R.R12, R.Rdx);
        asm.CmpImmediate32(M.At(R.Rsi, SiginfoCode), IllIllopn).Jump(Condition.NotEqual, chain);

        // UIRET in a trampoline (SDM UIRET): pop RIP, RFLAGS (only the UIRET mask), RSP; UIF = 1.
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip));
        asm.Call(findByAddress);
        asm.TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, notTrampoline);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip));
        asm.CmpImmediate32(M.At(R.Rax), unchecked((int)UiretEncoding)).Jump(Condition.NotEqual, chain);
        asm.MovLoad(R.Rdi, M.At(R.R12, UcontextRsp));
        asm.MovLoad(R.Rax, M.At(R.Rdi)).MovStore(M.At(R.R12, UcontextRip), R.Rax);
        asm.MovLoad(R.Rax, M.At(R.Rdi, 8)).AndImmediate(R.Rax, UiretRflagsMask);
        asm.MovLoad(R.Rdx, M.At(R.R12, UcontextEflags)).AndImmediate(R.Rdx, ~UiretRflagsMask).OrRegisters(R.Rdx, R.Rax);
        asm.MovStore(M.At(R.R12, UcontextEflags), R.Rdx);
        asm.MovLoad(R.Rax, M.At(R.Rdi, 16)).MovStore(M.At(R.R12, UcontextRsp), R.Rax);
        asm.MovStoreImmediate64(M.At(R.Rbx, Uif), 1);
        asm.LockIncQword(M.At(R.Rbx, Uirets));

        // The next pending vector is delivered at once, from the context UIRET returns to.
        asm.Call(deliver);
        asm.Ret();

        // The stub page: the calling thread's receiver, if any, owns the UIF these instructions act on.
        asm.Bind(notTrampoline);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip));
        asm.CmpLoad(R.Rax, M.At(R.R15, GlobalStubsStart)).Jump(Condition.Below, chain);
        asm.CmpLoad(R.Rax, M.At(R.R15, GlobalStubsEnd)).Jump(Condition.AboveOrEqual, chain);
        asm.Call(findByThread);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip));
        asm.CmpImmediate32(M.At(R.Rax), unchecked((int)CluiEncoding)).Jump(Condition.Equal, clui);
        asm.CmpImmediate32(M.At(R.Rax), unchecked((int)StuiEncoding)).Jump(Condition.Equal, stui);
        asm.CmpImmediate32(M.At(R.Rax), unchecked((int)TestuiEncoding)).Jump(Condition.Equal, testui);
        asm.CmpImmediate32(M.At(R.Rax), unchecked((int)SenduipiRdiEncoding)).Jump(Condition.Equal, senduipi);
        asm.Jump(chain);

        // CLUI: UIF = 0.
        asm.Bind(clui).TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, advance);
        asm.MovStoreImmediate64(M.At(R.Rbx, Uif), 0).Jump(advance);

        // STUI: UIF = 1; a pending interrupt is delivered at the very next boundary.
        asm.Bind(stui).TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, advance);
        asm.MovStoreImmediate64(M.At(R.Rbx, Uif), 1).Jump(advanceAndDeliver);

        // TESTUI: CF = UIF; ZF, AF, OF, PF, SF = 0.
        var testuiStore = asm.NewLabel("sigill_testui_store");
        asm.Bind(testui).MovLoad(R.Rax, M.At(R.R12, UcontextEflags)).AndImmediate(R.Rax, ~TestuiFlags);
        asm.TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, testuiStore);
        asm.MovLoad(R.Rcx, M.At(R.Rbx, Uif)).OrRegisters(R.Rax, R.Rcx);
        asm.Bind(testuiStore).MovStore(M.At(R.R12, UcontextEflags), R.Rax).Jump(advance);

        // SENDUIPI RDI: the process-wide UITT, then the UPID (SDM SENDUIPI operation).
        asm.Bind(senduipi).MovLoad(R.Rax, M.At(R.R12, UcontextRdi));
        asm.CmpLoad(R.Rax, M.At(R.R15, GlobalUittEntries)).Jump(Condition.AboveOrEqual, dropped);
        asm.MovLoad(R.Rdi, M.At(R.R15, GlobalUitt));
        asm.Lea(R.Rdi, M.Indexed(R.Rdi, R.Rax, 8)).Lea(R.Rdi, M.Indexed(R.Rdi, R.Rax, 8));
        asm.MovLoad(R.Rcx, M.At(R.Rdi)).TestImmediate(R.Rcx, 1).Jump(Condition.Equal, dropped);

        // UV is bits 15:8 and bits 47:16 are reserved zero, so the dword at +1 is UV itself.
        asm.MovLoad32(Register32.Ecx, M.At(R.Rdi, 1));
        asm.MovLoad(R.Rsi, M.At(R.Rdi, UittUpid));
        asm.LockBts(M.At(R.Rsi, UpidPir), R.Rcx);
        var retry = asm.NewLabel("senduipi_retry");
        asm.MovLoad(R.Rax, M.At(R.Rsi, UpidControl));
        asm.Bind(retry).TestImmediate(R.Rax, (int)(UpidOn | UpidSn)).Jump(Condition.NotEqual, advance);
        asm.MovRegister(R.Rcx, R.Rax).OrImmediate(R.Rcx, (int)UpidOn);
        asm.LockCmpxchg(M.At(R.Rsi, UpidControl), R.Rcx).Jump(Condition.NotEqual, retry);

        // Notify: rt_tgsigqueueinfo(pid, NDST, signal, &info) with si_code SI_QUEUE and the magic value.
        asm.SubImmediate(R.Rsp, SiginfoSize);
        for (int offset = 0; offset < SiginfoSize; offset += 8)
        {
            asm.MovStoreImmediate64(M.At(R.Rsp, offset), 0);
        }

        asm.MovLoad(R.Rax, M.At(R.R15, GlobalSignal)).MovStore32(M.At(R.Rsp, SiginfoSigno), Register32.Eax);
        asm.MovStoreImmediate32(M.At(R.Rsp, SiginfoCode), unchecked((uint)SiQueue));
        asm.MovLoad(R.Rax, M.At(R.R15, GlobalPid)).MovStore32(M.At(R.Rsp, SiginfoPid), Register32.Eax);
        asm.MovLoad(R.Rax, M.At(R.R15, GlobalMagic)).MovStore(M.At(R.Rsp, SiginfoValue), R.Rax);
        asm.MovLoad32(Register32.Eax, M.At(R.Rsi, UpidNdst)).MovRegister(R.Rsi, R.Rax);
        asm.MovLoad(R.Rdi, M.At(R.R15, GlobalPid));
        asm.MovLoad(R.Rdx, M.At(R.R15, GlobalSignal));
        asm.MovRegister(R.R10, R.Rsp);
        asm.MovImmediate32(Register32.Eax, SysRtTgsigqueueinfo).Syscall();
        asm.AddImmediate(R.Rsp, SiginfoSize);
        asm.LockIncQword(M.At(R.R15, GlobalNotificationsSent));
        asm.Jump(advance);

        asm.Bind(dropped).LockIncQword(M.At(R.R15, GlobalDroppedSends)).Jump(advance);

        asm.Bind(advanceAndDeliver);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip)).AddImmediate(R.Rax, UintrInstructionLength).MovStore(M.At(R.R12, UcontextRip), R.Rax);
        asm.Call(deliver);
        asm.Ret();

        asm.Bind(advance);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip)).AddImmediate(R.Rax, UintrInstructionLength).MovStore(M.At(R.R12, UcontextRip), R.Rax);
        asm.Ret();

        // Not ours: the previous handler, as the .NET runtime's invoke_previous_action would call it
        // (dotnet/runtime src/coreclr/pal/src/exception/signal.cpp): a function is called with the original
        // arguments; SIG_DFL/SIG_IGN is restored to SIG_DFL and the instruction faults again with the default action.
        asm.Bind(chain).LockIncQword(M.At(R.R15, GlobalChainedIllegal));
        asm.MovRegister(R.Rdi, R.R13).MovRegister(R.Rsi, R.R14).MovRegister(R.Rdx, R.R12);
        asm.MovLoad(R.Rax, M.At(R.R15, GlobalPreviousIllegalHandler));
        asm.CmpImmediate(R.Rax, 1).Jump(Condition.BelowOrEqual, restoreDefault);
        asm.Push(R.Rax).Ret();

        // rt_sigaction(SIGILL, &{ SIG_DFL, flags 0, restorer 0, mask 0 }, NULL, 8).
        asm.Bind(restoreDefault).SubImmediate(R.Rsp, 32);
        for (int offset = 0; offset < 32; offset += 8)
        {
            asm.MovStoreImmediate64(M.At(R.Rsp, offset), 0);
        }

        asm.MovImmediate32(Register32.Edi, Sigill).MovRegister(R.Rsi, R.Rsp).Zero(Register32.Edx);
        asm.MovImmediate64(R.R10, 8).MovImmediate32(Register32.Eax, SysRtSigaction).Syscall();
        asm.AddImmediate(R.Rsp, 32).Ret();
    }

    /// <summary>
    /// User-interrupt delivery (SDM "User-Interrupt Delivery"), RBX = receiver block, R12 = ucontext. Does nothing
    /// when UIRR = 0. First moves the kernel's saved extended state into the receiver's buffer and repoints
    /// uc_mcontext.fpstate: the kernel put it 64-byte aligned just below RSP - 128 (get_sigframe and
    /// fpu__alloc_mathframe, arch/x86/kernel/signal.c, intel/uintr-linux-kernel 533d395), where the frame lands, and
    /// rt_sigreturn reloads it from wherever fpstate points, so without the copy YMM/ZMM upper halves would come back
    /// from bytes the push overwrote.
    /// </summary>
    private static void EmitDeliver(X86Encoder asm, Label deliver)
    {
        var done = asm.NewLabel("deliver_done");
        var scan = asm.NewLabel("deliver_scan");
        var found = asm.NewLabel("deliver_found");
        var haveLength = asm.NewLabel("deliver_have_length");
        var copy = asm.NewLabel("deliver_copy");
        var frame = asm.NewLabel("deliver_frame");
        var subtract = asm.NewLabel("deliver_subtract");
        var align = asm.NewLabel("deliver_align");
        var tooLarge = asm.NewLabel("deliver_too_large");

        asm.Bind(deliver).MovLoad(R.Rax, M.At(R.Rbx, Uirr)).TestRegisters(R.Rax, R.Rax).Jump(Condition.Equal, done);

        // UIRRV: the highest pending vector.
        asm.MovImmediate32(Register32.Ecx, 63);
        asm.Bind(scan).BtRegisters(R.Rax, R.Rcx).Jump(Condition.Below, found);
        asm.SubImmediate(R.Rcx, 1).Jump(scan);

        asm.Bind(found).MovLoad(R.Rsi, M.At(R.R12, UcontextFpstate)).TestRegisters(R.Rsi, R.Rsi).Jump(Condition.Equal, frame);
        asm.MovImmediate32(Register32.Edx, FxsaveSize);
        asm.CmpImmediate32(M.At(R.Rsi, FpxSwBytesMagic1), FpXstateMagic1).Jump(Condition.NotEqual, haveLength);
        asm.MovLoad32(Register32.Edx, M.At(R.Rsi, FpxSwBytesExtendedSize));
        asm.Bind(haveLength).CmpLoad(R.Rdx, M.At(R.Rbx, XsaveCapacity)).Jump(Condition.Above, tooLarge);
        asm.MovLoad(R.Rdi, M.At(R.Rbx, XsaveBuffer));
        asm.MovImmediate64(R.R9, 0);
        asm.Bind(copy).MovLoad(R.Rax, M.Indexed(R.Rsi, R.R9, 1)).MovStore(M.Indexed(R.Rdi, R.R9, 1), R.Rax);
        asm.AddImmediate(R.R9, 8).CmpRegisters(R.R9, R.Rdx).Jump(Condition.Below, copy);
        asm.MovStore(M.At(R.R12, UcontextFpstate), R.Rdi);

        // tmp = RSP; RSP = STACKADJUST[0] ? STACKADJUST & ~1 : RSP - STACKADJUST; RSP &= ~15; push tmp, RFLAGS, RIP, UIRRV.
        asm.Bind(frame).MovLoad(R.Rax, M.At(R.R12, UcontextRsp));
        asm.MovLoad(R.Rdx, M.At(R.Rbx, StackAdjust)).TestImmediate(R.Rdx, 1).Jump(Condition.Equal, subtract);
        asm.MovRegister(R.Rdi, R.Rdx).AndImmediate(R.Rdi, -2).Jump(align);
        asm.Bind(subtract).MovRegister(R.Rdi, R.Rax);
        asm.SubRegisters(R.Rdi, R.Rdx);
        asm.Bind(align).AndImmediate(R.Rdi, -16);
        asm.MovStore(M.At(R.Rdi, -8), R.Rax);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextEflags)).MovStore(M.At(R.Rdi, -16), R.Rax);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextRip)).MovStore(M.At(R.Rdi, -24), R.Rax);
        asm.MovStore(M.At(R.Rdi, -32), R.Rcx);
        asm.SubImmediate(R.Rdi, 32).MovStore(M.At(R.R12, UcontextRsp), R.Rdi);
        asm.MovLoad(R.Rax, M.At(R.Rbx, Handler)).MovStore(M.At(R.R12, UcontextRip), R.Rax);
        asm.MovLoad(R.Rax, M.At(R.R12, UcontextEflags)).AndImmediate(R.Rax, ~(TrapFlag | ResumeFlag)).MovStore(M.At(R.R12, UcontextEflags), R.Rax);
        asm.Btr(M.At(R.Rbx, Uirr), R.Rcx);
        asm.MovStoreImmediate64(M.At(R.Rbx, Uif), 0);
        asm.LockIncQword(M.At(R.Rbx, Deliveries));
        asm.Bind(done).Ret();

        // The vector stays pending: better late than a corrupted register file.
        asm.Bind(tooLarge).LockIncQword(M.At(R.R15, GlobalXsaveTooLarge)).Ret();
    }

    /// <summary>
    /// RBX = the receiver block whose thread id equals gettid() (or, by address, whose trampoline contains RAX),
    /// else 0. Clobbers RAX (by thread), RCX, R8, R9, R11.
    /// </summary>
    private static void EmitFindReceiver(X86Encoder asm, Label entry, bool byAddress)
    {
        string name = byAddress ? "by_address" : "by_thread";
        var loop = asm.NewLabel("find_loop_" + name);
        var next = asm.NewLabel("find_next_" + name);
        var found = asm.NewLabel("find_found_" + name);

        asm.Bind(entry);
        if (!byAddress)
        {
            asm.MovImmediate32(Register32.Eax, SysGettid).Syscall();
        }

        asm.Lea(R.R8, M.At(R.R15, GlobalReceiverTable));
        asm.MovImmediate64(R.R9, ReceiverSlots);
        asm.Bind(loop).MovLoad(R.Rbx, M.At(R.R8)).TestRegisters(R.Rbx, R.Rbx).Jump(Condition.Equal, next);
        if (byAddress)
        {
            asm.CmpLoad(R.Rax, M.At(R.Rbx, TrampolineStart)).Jump(Condition.Below, next);
            asm.CmpLoad(R.Rax, M.At(R.Rbx, TrampolineEnd)).Jump(Condition.Below, found);
        }
        else
        {
            asm.CmpLoad(R.Rax, M.At(R.Rbx, ThreadId)).Jump(Condition.Equal, found);
        }

        asm.Bind(next).AddImmediate(R.R8, 8).SubImmediate(R.R9, 1).Jump(Condition.NotEqual, loop);
        asm.Zero(Register32.Ebx);
        asm.Bind(found).Ret();
    }
}
