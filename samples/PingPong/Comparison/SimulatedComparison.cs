using System.Collections.Generic;
using Uintr;
using Uintr.Simulation.Timing;
using Uintr.Simulation.Timing.Baselines;
using Uintr.Simulation.Timing.Validation;

namespace PingPong.Comparison;

/// <summary>
/// The simulated rows of the RFC's comparison: the spinning user IPI (this sample's rally, the reference), the blocked
/// user IPI (a simulator run with both sides in uintr_wait) and the kernel mechanisms from the simulator's component
/// models (docs/simulator-timing.md). Everything here is deterministic for a given seed.
/// </summary>
internal static class SimulatedComparison
{
    /// <summary>The rally's row: the reference every ratio divides by.</summary>
    public static ComparisonRow SpinningUserIpi(double roundTripCycles) =>
        new("User IPI (receiver spinning)", "simulator run (this rally)", roundTripCycles, PublishedFigures.UserIpiRatio);

    /// <summary>One simulated row per selected mechanism, in the RFC table's order.</summary>
    public static IEnumerable<ComparisonRow> Rows(SampleOptions options)
    {
        var kernel = KernelTiming.SapphireRapids;
        var uintr = UintrTiming.SapphireRapids;
        // The emulated user IPI is only measured: it has no model, it is a real execution.
        foreach (var mechanism in MechanismNames.Each(options.Mechanisms & ~Mechanism.EmulatedUserIpi))
        {
            yield return mechanism switch
            {
                Mechanism.BlockedUserIpi => BlockedUserIpi(options),
                Mechanism.Signal => Modelled(new SignalModel(kernel, uintr), PublishedFigures.SignalRatio),
                Mechanism.Eventfd => Modelled(new EventfdModel(kernel, uintr), PublishedFigures.EventfdRatio),
                Mechanism.Pipe => Modelled(new PipeModel(kernel, uintr), PublishedFigures.PipeRatio),
                Mechanism.UnixSocket => Modelled(new UnixSocketModel(kernel, uintr), PublishedFigures.UnixSocketRatio),
                _ => Modelled(new FutexModel(kernel, uintr), null),
            };
        }
    }

    private static ComparisonRow BlockedUserIpi(SampleOptions options)
    {
        // Same seed, jitter and core count as the rally, so the two user-IPI rows come from the same machine model.
        var simulator = new SimulatorOptions { Seed = options.Seed, TimingJitter = RallySettings.TimingJitter, Cores = options.Cores };
        var measurement = SimulatedPingPong.Run(options.Iterations + options.Warmup, options.Warmup, simulator, UintrWaitMode.Block);
        return new("User IPI (receiver blocked in uintr_wait)", "simulator run (Wait(Block))", measurement.RoundTripCycles, PublishedFigures.BlockedUserIpiRatio);
    }

    private static ComparisonRow Modelled(IpcMechanismModel model, double? rfcRatio) =>
        new(model.Name, "component model", model.RoundTrip().TotalCycles, rfcRatio);
}
