using System;

namespace Uintr;

/// <summary>
/// Chooses the trampoline the source generator emits for a receiver type (a <c>partial</c> type with
/// <see cref="UserInterruptHandlerAttribute"/> methods). Without this attribute the trampoline only sets the
/// vector's pending bit, which is what most receivers need.
/// </summary>
/// <remarks>
/// Every option adds instructions to the code the CPU runs on each delivery, so each costs a few cycles of
/// interrupt latency; <see cref="WakeWaiter"/> adds a system call.
/// </remarks>
/// <example>
/// <code>
/// [UserInterruptReceiver(CountDeliveries = true)]
/// static partial class Doorbell
/// {
///     [UserInterruptHandler(3)] static void OnWork() { }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class UserInterruptReceiverAttribute : Attribute
{
    /// <summary>
    /// Whether the trampoline also counts deliveries per vector (<c>lock inc</c> on one of 64 counters), read with
    /// <see cref="UintrReceiver.GetDeliveryCount"/>. A delivery is counted when it happens, before its handler runs;
    /// several deliveries of one vector before a safe point run the handler once but count each time.
    /// </summary>
    public bool CountDeliveries { get; set; }

    /// <summary>
    /// Whether the trampoline also sets the receiver's waiter word and wakes one thread sleeping on it with a raw
    /// <c>futex(FUTEX_WAKE_PRIVATE)</c> system call, so another thread can block in
    /// <see cref="UintrReceiver.WaitForDelivery"/> until the receiver is interrupted.
    /// </summary>
    public bool WakeWaiter { get; set; }

    /// <summary>
    /// Whether the CPU delivers on an alternate stack the runtime allocates (STACKADJUST bit 0 set, through
    /// uintr_alt_stack) instead of skipping the interrupted stack's 128-byte red zone. Needs the uintr-next kernel
    /// ABI; registering such a receiver elsewhere throws <see cref="NotSupportedException"/>. The stack is
    /// <see cref="AlternateStackSize"/> bytes, on the simulator and on hardware.
    /// </summary>
    public bool AlternateStack { get; set; }

    /// <summary>The size of the alternate stack <see cref="AlternateStack"/> receivers get: 16 KiB, the order of a signal stack (SIGSTKSZ).</summary>
    public const int AlternateStackSize = 16 * 1024;

    /// <summary>Whether the trampoline begins with ENDBR64, as CET indirect-branch tracking requires of a branch target.</summary>
    public bool EndBranch { get; set; }
}
