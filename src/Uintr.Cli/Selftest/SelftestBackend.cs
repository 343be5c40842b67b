namespace Uintr.Cli.Selftest;

/// <summary>Which backend <c>uintr selftest</c> runs against.</summary>
internal enum SelftestBackend
{
    /// <summary>The built-in simulator (the default).</summary>
    Simulator,

    /// <summary>The real UINTR hardware; every check is skipped when the probe found a piece missing.</summary>
    Hardware,

    /// <summary>The emulated backend: the generated trampolines run natively on this machine's threads.</summary>
    Emulated,
}
