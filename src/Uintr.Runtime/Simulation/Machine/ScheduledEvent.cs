using Uintr.Simulation.Hosting;

namespace Uintr.Simulation.Machine;

/// <summary>What a queued event does.</summary>
internal enum ScheduledEventKind
{
    /// <summary>An ordinary fixed IPI reaches <see cref="ScheduledEvent.Core"/> with <see cref="ScheduledEvent.Vector"/>.</summary>
    IpiArrival,
    /// <summary>Check for a recognized user interrupt at the next boundary (after STUI).</summary>
    DeliverPending,
    /// <summary>A simulated thread continues (hosting layer).</summary>
    ThreadResume,
}

/// <summary>An entry of the discrete-event queue. Hardware events sort before thread resumptions at the same cycle.</summary>
internal readonly record struct ScheduledEvent(long Time, ScheduledEventKind Kind, int Core, int Vector, HostedThread? Thread, int Token)
{
    public bool IsHardware => Kind != ScheduledEventKind.ThreadResume;
}
