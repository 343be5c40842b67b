using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>The blocked user-IPI round trip from <see cref="BlockedUserIpiModel"/>'s components (until the simulator runs uintr_wait).</summary>
internal sealed class ModelledBlockedUserIpiRoundTrip : IBlockedUserIpiRoundTripSource
{
    private readonly BlockedUserIpiModel _model;

    public ModelledBlockedUserIpiRoundTrip(KernelTiming kernel, UintrTiming uintr) => _model = new BlockedUserIpiModel(kernel, uintr);

    public string Origin => "component model (simulated uintr_wait pending the kernel scheduler model)";

    public long RoundTripCycles() => _model.RoundTrip().TotalCycles;

    public RoundTripBreakdown? Breakdown() => _model.RoundTrip();
}
