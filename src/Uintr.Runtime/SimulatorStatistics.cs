namespace Uintr;

/// <summary>
/// What the simulated machine counted. The two latencies are the split of docs/architecture.md ("Deferred dispatch"): the hardware
/// delivers into the trampoline when the interrupt arrives; the managed handler runs at the next safe point.
/// </summary>
public sealed class SimulatorStatistics
{
    /// <summary>SENDUIPI executions.</summary>
    public long Sends { get; internal set; }

    /// <summary>Sends that found SN or ON set, so no notification IPI went out.</summary>
    public long SuppressedNotifications { get; internal set; }

    /// <summary>Notification IPIs processed by a receiving core.</summary>
    public long Notifications { get; internal set; }

    /// <summary>User-interrupt deliveries (trampoline entries).</summary>
    public long Deliveries { get; internal set; }

    /// <summary>Managed handlers run.</summary>
    public long Dispatches { get; internal set; }

    /// <summary>From the SENDUIPI that posted the vector to trampoline entry, in cycles.</summary>
    public LatencySummary HardwareLatency { get; } = new();

    /// <summary>From the SENDUIPI that posted the vector to the start of its managed handler, in cycles.</summary>
    public LatencySummary DispatchLatency { get; } = new();
}
