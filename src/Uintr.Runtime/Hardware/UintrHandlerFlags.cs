namespace Uintr.Hardware;

/// <summary>
/// uintr_register_handler flags of uintr-next (arch/x86/include/uapi/asm/uintr.h, intel/uintr-linux-kernel 533d395f;
/// checked in arch/x86/kernel/uintr.c sys_uintr_register_handler, fed8dc12). RFC v1 accepts only 0.
/// </summary>
internal static class UintrHandlerFlags
{
    /// <summary>UINTR_HANDLER_FLAG_WAITING_NONE: interruptible sleeps of the receiver are not woken (SN is set on switch-out).</summary>
    public const uint WaitingNone = 0x0;

    /// <summary>
    /// UINTR_HANDLER_FLAG_WAITING_RECEIVER: when the receiver sleeps interruptibly, switch_uintr_prepare points its UPID's
    /// notification vector at the kernel's UINTR_KERNEL_VECTOR and queues it; uintr_wake_up_process then sets
    /// TIF_NOTIFY_SIGNAL and wakes it (the receiver pays the wake-up). Refused with EINVAL unless the kernel was built
    /// with CONFIG_X86_UINTR_BLOCKING.
    /// </summary>
    public const uint WaitingReceiver = 0x1000;

    /// <summary>
    /// UINTR_HANDLER_FLAG_WAITING_SENDER: the kernel sets UPID status bit 7 (BLKD, a reserved bit to SENDUIPI) while the
    /// receiver sleeps, so the sender pays. Not used: it relies on a sender-side #GP fix-up the runtime cannot check.
    /// </summary>
    public const uint WaitingSender = 0x2000;
}
