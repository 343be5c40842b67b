using System;
using System.Collections.Generic;
using System.Globalization;
using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>
/// Compares the timing model with the published figures: the absolute UINTR costs from the xUI paper (one-way latency
/// from a simulator run) and the RFC's ping-pong ratios (spinning user IPI from a simulator run; blocking mechanisms from
/// their component models). Nothing here is adjusted to meet a target; a miss is reported with its explanation.
/// </summary>
internal sealed class TimingValidation
{
    private readonly KernelTiming _kernel;
    private readonly UintrTiming _uintr;
    private readonly IBlockedUserIpiRoundTripSource _blocked;
    private readonly int _iterations;

    /// <param name="kernel">Kernel component costs; <see langword="null"/> for <see cref="KernelTiming.SapphireRapids"/>.</param>
    /// <param name="blockedUserIpi">Source of the blocked user-IPI round trip; <see langword="null"/> for the component model.</param>
    /// <param name="iterations">Round trips of the simulated ping-pong.</param>
    public TimingValidation(KernelTiming? kernel = null, IBlockedUserIpiRoundTripSource? blockedUserIpi = null, int iterations = 64)
    {
        _kernel = kernel ?? KernelTiming.SapphireRapids;
        _uintr = UintrTiming.SapphireRapids;
        _blocked = blockedUserIpi ?? new ModelledBlockedUserIpiRoundTrip(_kernel, _uintr);
        _iterations = iterations;
    }

    /// <summary>Runs the simulated ping-pong and builds every row.</summary>
    public TimingValidationReport Run()
    {
        var pingPong = SimulatedPingPong.Run(_iterations);
        var timing = pingPong.Timing;
        double spin = pingPong.RoundTripCycles;
        var rows = new List<ValidationRow>
        {
            new("One-way SENDUIPI -> handler entry", "cycles", pingPong.OneWayCycles, PublishedFigures.OneWayCycles, PublishedFigures.AbsoluteTargetPercent,
                "simulator run (HardwareLatency mean)",
                $"SENDUIPI {timing.SenduipiCycles} + IPI flight {timing.IpiFlightCycles} + notification processing {timing.NotificationProcessingCycles} + delivery {timing.DeliveryCycles}; the flight is derived from the published end-to-end figure."),
            new("SENDUIPI", "cycles", timing.SenduipiCycles, PublishedFigures.SenduipiCycles, PublishedFigures.AbsoluteTargetPercent,
                "UintrTiming parameter charged by the simulator", "Taken from the xUI table."),
            new("Receiver cost per interrupt", "cycles", timing.ReceiverCostCycles, PublishedFigures.ReceiverCycles, PublishedFigures.AbsoluteTargetPercent,
                "UintrTiming: notification + delivery + UIRET",
                $"{timing.NotificationProcessingCycles} + {timing.DeliveryCycles} + {timing.UiretCycles}; the split is an estimate, the total is the xUI figure."),
        };

        var signal = new SignalModel(_kernel, _uintr);
        var running = signal.SignalToRunningReceiver();
        rows.Add(new("One signal, receiver running (cross-check)", "cycles", running.TotalCycles, _kernel.PublishedSignalCycles, PublishedFigures.RatioTargetPercent,
            "component model",
            "Checks the signal components against the xUI paper's 2.4 us per signal: kernel IPI send/receive (Skyloft), frame setup with XSAVE, handler, rt_sigreturn."));

        rows.Add(new("User IPI, both spinning / user IPI (spin)", "ratio", spin / spin, PublishedFigures.UserIpiRatio, PublishedFigures.RatioTargetPercent,
            "simulator run",
            string.Create(CultureInfo.InvariantCulture, $"The reference: simulated round trip {spin:0} cycles ({spin / 2000:0.00} us at 2.0 GHz) with the runtime's trampoline, pending word and managed dispatch on each side.")));

        var breakdowns = new List<RoundTripBreakdown>();
        if (_blocked.Breakdown() is { } blockedBreakdown)
        {
            breakdowns.Add(blockedBreakdown);
        }

        long blocked = _blocked.RoundTripCycles();
        rows.Add(SpinRatioRow("User IPI, receiver blocked in uintr_wait", blocked, spin, PublishedFigures.BlockedUserIpiRatio, _blocked.Origin,
            new BlockedUserIpiModel(_kernel, _uintr).RfcBenchmarkDifference));

        // The same protocol run on the simulator's kernel scheduler model, shown next to the component model until the
        // two agree well enough for the simulated run to become the default source.
        var simulatedBlocked = new SimulatedBlockedUserIpiRoundTrip(_iterations);
        rows.Add(SpinRatioRow("User IPI, receiver blocked in uintr_wait, simulated", simulatedBlocked.RoundTripCycles(), spin, PublishedFigures.BlockedUserIpiRatio, simulatedBlocked.Origin,
            string.Create(CultureInfo.InvariantCulture,
                $"SENDUIPI to trampoline entry {simulatedBlocked.Measurement.OneWayCycles:0} cycles in this run. The simulator's kernel path charges the same KernelTiming components as the component model (C1 exit, the 0xEB interrupt, try_to_wake_up, enqueue, schedule, switch, XRSTOR, the return-to-user steps, syscall exit); it differs only in what it simulates rather than sums (the spin side's observation of the reply, the trampoline itself).")));

        var benchmarkedSignal = new IpcBenchSignalModel(_kernel, _uintr).RoundTrip();
        var benchmarkedPipe = new IpcBenchPipeModel(_kernel, _uintr).RoundTrip();
        var unix = new UnixSocketModel(_kernel, _uintr);
        var models = new (IpcMechanismModel Model, double? Published)[]
        {
            (signal, PublishedFigures.SignalRatio),
            (new IpcBenchSignalModel(_kernel, _uintr), PublishedFigures.SignalRatio),
            (new EventfdModel(_kernel, _uintr), PublishedFigures.EventfdRatio),
            (new PipeModel(_kernel, _uintr), PublishedFigures.PipeRatio),
            (new IpcBenchPipeModel(_kernel, _uintr), PublishedFigures.PipeRatio),
            (unix, PublishedFigures.UnixSocketRatio),
            (new FutexModel(_kernel, _uintr), null),
        };

        foreach (var (model, published) in models)
        {
            var roundTrip = model.RoundTrip();
            breakdowns.Add(roundTrip);
            rows.Add(SpinRatioRow(model.Name, roundTrip.TotalCycles, spin, published, "component model (KernelTiming)", model.RfcBenchmarkDifference));
        }

        // Ratios between two blocking mechanisms whose RFC protocol is modelled as benchmarked: the unknown spinning
        // reference of the RFC's machine cancels out, and so does much of the shared wake-up path.
        long signalCycles = benchmarkedSignal.TotalCycles;
        rows.Add(PairRow("Pipe / signal, both as benchmarked", benchmarkedPipe.TotalCycles, signalCycles, PublishedFigures.PipeRatio / PublishedFigures.SignalRatio,
            "The RFC's pipe round trip is its signal round trip plus a pipe write and read that never block; the model adds exactly that."));
        rows.Add(PairRow("Unix domain socket / signal (as benchmarked)", unix.RoundTrip().TotalCycles, signalCycles, PublishedFigures.UnixSocketRatio / PublishedFigures.SignalRatio,
            "Both block in the kernel and pay the same wake-up; the socket adds sk_buff allocation and freeing, the signal adds group delivery and sigtimedwait."));
        rows.Add(PairRow("User IPI blocked in uintr_wait / signal (as benchmarked)", blocked, signalCycles, PublishedFigures.BlockedUserIpiRatio / PublishedFigures.SignalRatio,
            BlockedVersusSignal));

        breakdowns.Add(running);
        return new TimingValidationReport(rows, pingPong, breakdowns);
    }

    /// <summary>Why the blocked user IPI comes out dearer than the benchmarked signal, and why the sources cannot give the RFC's 0.60.</summary>
    internal const string BlockedVersusSignal =
        "Both paths wake a task blocked on an idle core, component for component from the sources (uintr_core.c at 2100ffbe; " +
        "uintrfd-bi-wait.c at 020e9f96; ipc-bench signal and common/signals.c): try_to_wake_up, C1 exit, enqueue, schedule, " +
        "switch, XRSTOR, syscall exit. On top of that the signal pays kill(0)'s syscall entry, one or two signal generations " +
        "and sigtimedwait's dequeue; the blocked user IPI pays SENDUIPI and its flight, a real 0xEB interrupt on the idle core " +
        "(the signal's wake-up of an MWAIT-polling core is a store), uintr_wake_up_process, hrtimer_cancel, switch_uintr_return " +
        "with its self-IPI, the notification, the delivery and UIRET. A ratio of 0.60 would need the signal-only work to be about " +
        "4.6 us per message (2.8 us even with every blocked-only kernel step at zero): more than the xUI paper's 2.4 us for a " +
        "whole signal. The sources cannot give it; what could is outside them (idle states the RFC's 100 us uintr_wait timer " +
        "keeps shallow but sigwait does not, frequency, placement of the unpinned threads and processes).";

    private static ValidationRow SpinRatioRow(string name, long roundTrip, double spin, double? published, string origin, string difference)
    {
        double ratio = roundTrip / spin;
        string measured = string.Create(CultureInfo.InvariantCulture, $"{roundTrip} cycles per round trip ({roundTrip / 2000.0:0.00} us).");
        string explanation;
        if (published is not { } target)
        {
            explanation = measured + " " + difference;
        }
        else if (Math.Abs((ratio - target) / target * 100) <= PublishedFigures.RatioTargetPercent)
        {
            explanation = measured + " Within target. " + difference;
        }
        else
        {
            double implied = target * spin;
            explanation = string.Create(CultureInfo.InvariantCulture,
                $"{measured} The published ratio implies {implied:0} cycles ({implied / 2000:0.00} us) against this machine's simulated spinning round trip. ") +
                RatioMissExplanation.Common + " " + difference;
        }

        return new ValidationRow(name + " / user IPI (spin)", "ratio", ratio, published, PublishedFigures.RatioTargetPercent, origin, explanation);
    }

    private static ValidationRow PairRow(string quantity, long numerator, long denominator, double published, string why)
    {
        string measured = string.Create(CultureInfo.InvariantCulture, $"{numerator} / {denominator} cycles. ");
        return new ValidationRow(quantity, "ratio", (double)numerator / denominator, published, PublishedFigures.RatioTargetPercent,
            "component models (no spinning reference)", measured + why);
    }
}
