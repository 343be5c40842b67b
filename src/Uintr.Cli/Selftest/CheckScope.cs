namespace Uintr.Cli.Selftest;

/// <summary>What a check needs from the backend.</summary>
internal enum CheckScope
{
    /// <summary>Runs through the public API on any backend.</summary>
    PublicApi,

    /// <summary>Runs through the public API but only on the simulator (on hardware the fault would end this process with a signal).</summary>
    SimulatorPublicApi,

    /// <summary>Drives the simulator's kernel and CPU model directly (errno rules, raw SENDUIPI); simulator only.</summary>
    SimulatedKernel,
}
