using Uintr.Simulation.Hosting;

namespace Uintr.Simulation.Machine;

/// <summary>What a queued event does.</summary>
internal enum ScheduledEventKind
{
    /// <summary>An ordinary fixed IPI reaches <see cref="ScheduledEvent.Core"/> with <see cref="ScheduledEvent.Vector"/>.</summary>
    IpiArrival,
    /// <summary>Check for a recognized user interrupt at the next boundary (after STUI).</summary>
    DeliverPending,
    /// <summary>A kernel step (a part of a context switch, a wake-up) runs <see cref="ScheduledEvent.Callback"/>.</summary>
    KernelStep,
    /// <summary>
    /// The hrtimer of a uintr_wait expires and runs <see cref="ScheduledEvent.Callback"/>. Only a timer can follow when
    /// nothing else is queued: the hosting layer's deadlock check tells these apart from other kernel steps.
    /// </summary>
    WaitTimer,
    /// <summary>A simulated thread continues (hosting layer).</summary>
    ThreadResume,
}

/// <summary>An entry of the discrete-event queue.</summary>
internal readonly record struct ScheduledEvent(long Time, ScheduledEventKind Kind, int Core, int Vector, HostedThread? Thread, int Token, System.Action<long>? Callback = null)
{
    /// <summary>Machine events (interrupts, kernel steps) as opposed to a thread's turn.</summary>
    public bool IsHardware => Kind != ScheduledEventKind.ThreadResume;

    /// <summary>
    /// Order among events of one cycle, which is one instruction boundary: ordinary interrupts first, then notifications
    /// and kernel steps, then user-interrupt delivery (user interrupts have lower priority than any ordinary interrupt,
    /// a notification included, SDM "User-Interrupt Recognition"), then threads.
    /// </summary>
    public int PriorityClass => Kind switch
    {
        ScheduledEventKind.IpiArrival when Vector != Kernel.KernelConstants.NotificationVector => 0,
        ScheduledEventKind.DeliverPending => 2,
        ScheduledEventKind.ThreadResume => 3,
        _ => 1,
    };
}
