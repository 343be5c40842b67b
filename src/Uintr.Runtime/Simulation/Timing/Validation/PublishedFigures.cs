namespace Uintr.Simulation.Timing.Validation;

/// <summary>The published figures the timing model is validated against (docs/uintr-reference.md section 10).</summary>
internal static class PublishedFigures
{
    /// <summary>End-to-end SENDUIPI to handler entry, receiver running. xUI paper (ASPLOS 2025), "UIPI performance" table.</summary>
    public const double OneWayCycles = 1360;

    /// <summary>SENDUIPI on the sender. xUI paper, same table.</summary>
    public const double SenduipiCycles = 383;

    /// <summary>Receiver cost per interrupt (flush, notification processing, delivery, UIRET). xUI paper, same table.</summary>
    public const double ReceiverCycles = 720;

    /// <summary>One signal, about 2.4 us at 2.0 GHz. xUI paper, section 2 (as summarized).</summary>
    public const double SignalCycles = 4800;

    // RFC cover letter "[RFC PATCH 00/13] x86 User Interrupts support" (Sept 2021): ping-pong of 1M round trips,
    // message size 1, latency relative to a user IPI with both sides spinning. Pre-production hardware, no absolute numbers.

    /// <summary>User IPI, both sides spinning (the reference).</summary>
    public const double UserIpiRatio = 1.0;

    /// <summary>User IPI with the receiver blocked in uintr_wait.</summary>
    public const double BlockedUserIpiRatio = 8.9;

    /// <summary>Signal.</summary>
    public const double SignalRatio = 14.8;

    /// <summary>Eventfd (one shared eventfd in the RFC's benchmark).</summary>
    public const double EventfdRatio = 9.7;

    /// <summary>Pipe.</summary>
    public const double PipeRatio = 16.3;

    /// <summary>Unix domain socket.</summary>
    public const double UnixSocketRatio = 17.3;

    /// <summary>Tolerance of the absolute figures, in percent.</summary>
    public const double AbsoluteTargetPercent = 5;

    /// <summary>Tolerance of the ratios (and of the signal cross-check), in percent.</summary>
    public const double RatioTargetPercent = 15;
}
