namespace Uintr.Simulation.Hosting;

/// <summary>Where a simulated thread is in its life.</summary>
internal enum HostedThreadState
{
    /// <summary>Started, waiting for its first turn.</summary>
    Created,
    /// <summary>Holds the baton: its managed code runs now.</summary>
    Running,
    /// <summary>Waits for a resume event (a time, a pending vector, a condition, a join).</summary>
    Parked,
    /// <summary>Its body returned or threw.</summary>
    Completed,
}
