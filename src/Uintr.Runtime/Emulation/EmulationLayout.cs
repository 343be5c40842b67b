namespace Uintr.Emulation;

/// <summary>
/// Byte offsets the signal handlers use: the kernel's x86-64 signal frame (struct ucontext, struct sigcontext,
/// siginfo_t and the FXSAVE/XSAVE frame's software bytes, from the kernel's uapi headers
/// arch/x86/include/uapi/asm/sigcontext.h and include/uapi/asm-generic/siginfo.h), and the backend's own blocks.
/// </summary>
internal static class EmulationLayout
{
    // ---- ucontext_t: uc_flags (8), uc_link (8), uc_stack (24), then struct sigcontext (its general registers in
    // the order r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags), ..., fpstate pointer at +184. ----
    public const int UcontextSigcontext = 40;
    public const int UcontextRdi = UcontextSigcontext + 8 * 8;
    public const int UcontextRsp = UcontextSigcontext + 15 * 8;
    public const int UcontextRip = UcontextSigcontext + 16 * 8;
    public const int UcontextEflags = UcontextSigcontext + 17 * 8;
    public const int UcontextFpstate = UcontextSigcontext + 23 * 8;

    // ---- siginfo_t: si_signo, si_errno, si_code (ints), then the union at +16 (_rt: si_pid, si_uid, si_value). ----
    public const int SiginfoSize = 128;
    public const int SiginfoSigno = 0;
    public const int SiginfoCode = 8;
    public const int SiginfoPid = 16;
    public const int SiginfoValue = 24;

    /// <summary>si_code of rt_sigqueueinfo/rt_tgsigqueueinfo senders (SI_QUEUE).</summary>
    public const int SiQueue = -1;

    /// <summary>si_code the kernel gives a #UD (handle_invalid_op calls do_error_trap with ILL_ILLOPN, arch/x86/kernel/traps.c).</summary>
    public const int IllIllopn = 2;

    // ---- struct _fpx_sw_bytes at +464 of the 512-byte FXSAVE area: magic1, extended_size, xfeatures, xstate_size. ----
    public const int FpxSwBytesMagic1 = 464;
    public const int FpxSwBytesExtendedSize = 468;

    /// <summary>FP_XSTATE_MAGIC1: the frame holds XSAVE state of extended_size bytes (MAGIC2 included).</summary>
    public const int FpXstateMagic1 = 0x46505853;

    /// <summary>The legacy FXSAVE area, all a frame without MAGIC1 holds.</summary>
    public const int FxsaveSize = 512;

    // ---- Receiver control block (one per receiver thread, 64-byte aligned, never freed). The first line is the
    // UPID in the hardware layout: bit 0 ON, bit 1 SN, bits 23:16 NV (here the signal number), bits 63:32 NDST
    // (here the receiver's thread id), PIR at +8. The rest is the state the CPU keeps per thread. ----
    public const int UpidControl = 0;
    public const int UpidPir = 8;
    public const int UpidNdst = 4;
    public const int Uirr = 64;
    public const int Uif = 72;
    public const int Handler = 80;
    public const int StackAdjust = 88;
    public const int TrampolineStart = 96;
    public const int TrampolineEnd = 104;
    public const int ThreadId = 112;
    public const int XsaveBuffer = 120;
    public const int XsaveCapacity = 128;
    public const int BlockWord = 136;
    public const int Deliveries = 144;
    public const int Notifications = 152;
    public const int Uirets = 160;
    public const int ReceiverBlockSize = 192;

    public const long UpidOn = 1;
    public const long UpidSn = 2;

    // ---- Process-wide block. ----
    public const int GlobalPid = 0;
    public const int GlobalMagic = 8;
    public const int GlobalSignal = 16;
    public const int GlobalPreviousIllegalHandler = 24;
    public const int GlobalPreviousDeliveryHandler = 32;
    public const int GlobalStubsStart = 40;
    public const int GlobalStubsEnd = 48;
    public const int GlobalUitt = 56;
    public const int GlobalUittEntries = 64;
    public const int GlobalForeignSignals = 96;
    public const int GlobalStaleSignals = 104;
    public const int GlobalChainedIllegal = 112;
    public const int GlobalDroppedSends = 120;
    public const int GlobalXsaveTooLarge = 128;
    public const int GlobalNotificationsSent = 136;
    public const int GlobalReceiverTable = 256;
    public const int ReceiverSlots = 256;
    public const int GlobalBlockSize = GlobalReceiverTable + ReceiverSlots * 8;

    // ---- UITT entry, hardware layout: bit 0 V, bits 15:8 UV, bits 63:16 reserved (zero); UPIDADDR at +8. ----
    public const int UittEntrySize = 16;
    public const int UittEntries = 256;
    public const int UittUpid = 8;

    // ---- RFLAGS. ----
    public const int TrapFlag = 0x100;
    public const int ResumeFlag = 0x10000;

    /// <summary>The RFLAGS bits UIRET restores (SDM UIRET: CF PF AF ZF SF TF DF OF NT RF AC ID).</summary>
    public const int UiretRflagsMask = 0x254DD5;

    /// <summary>The flags TESTUI writes: CF = UIF; ZF, AF, OF, PF, SF = 0.</summary>
    public const int TestuiFlags = 0x8D5;

    // ---- Instruction encodings the SIGILL handler recognises (little-endian dwords). ----
    public const uint UiretEncoding = 0xEC010FF3;
    public const uint CluiEncoding = 0xEE010FF3;
    public const uint StuiEncoding = 0xEF010FF3;
    public const uint TestuiEncoding = 0xED010FF3;

    /// <summary>SENDUIPI RDI (F3 0F C7 F7), the form the runtime's stub uses.</summary>
    public const uint SenduipiRdiEncoding = 0xF7C70FF3;

    public const int UintrInstructionLength = 4;

    // ---- x86-64 Linux system calls and signals. ----
    public const int SysRtSigaction = 13;
    public const int SysGettid = 186;
    public const int SysRtTgsigqueueinfo = 297;
    public const int Sigill = 4;
}
