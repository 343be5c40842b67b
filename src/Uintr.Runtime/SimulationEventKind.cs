namespace Uintr;

/// <summary>What happened in a <see cref="SimulationEvent"/>.</summary>
public enum SimulationEventKind
{
    /// <summary>A simulated thread started on a core.</summary>
    ThreadStart,
    /// <summary>A simulated thread finished.</summary>
    ThreadExit,
    /// <summary>A UINTR system call returned (detail: the call and its result).</summary>
    Syscall,
    /// <summary>SENDUIPI posted a vector into a UPID (detail: whether it notified).</summary>
    Send,
    /// <summary>The notification IPI reached the receiving core and notification processing ran.</summary>
    Notification,
    /// <summary>An ordinary interrupt that is not the notification vector reached a core.</summary>
    Interrupt,
    /// <summary>User-interrupt delivery: the CPU entered the trampoline.</summary>
    Delivery,
    /// <summary>The trampoline executed UIRET.</summary>
    Uiret,
    /// <summary>A managed handler ran at a safe point.</summary>
    Dispatch,
    /// <summary>CLUI, STUI or TESTUI changed or read UIF.</summary>
    FlagChange,
    /// <summary>An instruction faulted (#GP or #UD).</summary>
    Fault,
}
