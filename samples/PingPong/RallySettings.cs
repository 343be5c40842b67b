namespace PingPong;

/// <summary>Settings shared by every simulated run of the sample.</summary>
internal static class RallySettings
{
    /// <summary>A small seeded jitter gives the simulated latencies a spread, as a measurement has; the seed keeps runs reproducible.</summary>
    public const double TimingJitter = 0.02;
}
