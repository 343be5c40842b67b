using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>The blocked user-IPI round trip from <see cref="BlockedUserIpiModel"/>'s components (the default source of the blocked row).</summary>
internal sealed class ModelledBlockedUserIpiRoundTrip : IBlockedUserIpiRoundTripSource
{
    private readonly BlockedUserIpiModel _model;

    public ModelledBlockedUserIpiRoundTrip(KernelTiming kernel, UintrTiming uintr) => _model = new BlockedUserIpiModel(kernel, uintr);

    public string Origin => "component model (KernelTiming); simulated run in the next row";

    public long RoundTripCycles() => _model.RoundTrip().TotalCycles;

    public RoundTripBreakdown? Breakdown() => _model.RoundTrip();
}
