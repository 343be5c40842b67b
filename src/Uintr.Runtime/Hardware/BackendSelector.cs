using System;

namespace Uintr.Hardware;

/// <summary>
/// Chooses the backend of <see cref="UintrPlatform.Default"/>: <c>UINTR_BACKEND</c> = <c>auto</c> (the
/// default: hardware when the probe confirmed it, else the simulator with the probe's reason),
/// <c>hardware</c> (or <see cref="PlatformNotSupportedException"/> naming the missing piece), <c>simulator</c> or <c>emulated</c> (never chosen automatically).
/// </summary>
internal static class BackendSelector
{
    public const string EnvironmentVariable = "UINTR_BACKEND";

    /// <summary>The platform for <paramref name="support"/> and the raw value of <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="ArgumentException">The value is not auto, hardware or simulator.</exception>
    /// <exception cref="PlatformNotSupportedException">hardware was requested but is not available.</exception>
    public static UintrPlatform Select(HardwareSupport support, string? environmentValue) => Select(support, Parse(environmentValue));

    /// <summary>
    /// The platform for <paramref name="options"/>: an explicit backend in the options wins, then the environment
    /// variable's value, then the probe.
    /// </summary>
    public static UintrPlatform Select(HardwareSupport support, UintrPlatformOptions options, string? environmentValue)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backend = options.Backend != UintrBackend.Auto ? options.Backend : Parse(environmentValue);
        string requestedBy = options.Backend != UintrBackend.Auto ? $"UintrPlatformOptions.Backend = {backend}" : $"{EnvironmentVariable}={backend.ToString().ToLowerInvariant()}";
        return Select(support, backend, options.Simulator, requestedBy);
    }

    /// <summary>The platform for <paramref name="support"/> and an explicit <paramref name="backend"/> (which overrides the environment).</summary>
    public static UintrPlatform Select(HardwareSupport support, UintrBackend backend) => Select(support, backend, null, $"{EnvironmentVariable}={backend.ToString().ToLowerInvariant()}");

    private static UintrPlatform Select(HardwareSupport support, UintrBackend backend, SimulatorOptions? simulator, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(support);
        return backend switch
        {
            UintrBackend.Hardware => HardwarePlatform.Create(support),
            UintrBackend.Simulator => new UintrSimulator(simulator ?? new SimulatorOptions(), $"{requestedBy} was requested"),
            UintrBackend.Emulated => Emulation.EmulatedPlatform.Create($"{requestedBy} was requested"),
            UintrBackend.Auto when support.IsAvailable => HardwarePlatform.Create(support),
            UintrBackend.Auto => new UintrSimulator(simulator ?? new SimulatorOptions(), support.UnavailableReason),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown backend."),
        };
    }

    /// <summary>Parses the environment value: unset or empty means auto; case and surrounding blanks are ignored.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static UintrBackend Parse(string? environmentValue)
    {
        string value = environmentValue?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return UintrBackend.Auto;
        }

        if (value.Equals("hardware", StringComparison.OrdinalIgnoreCase))
        {
            return UintrBackend.Hardware;
        }

        if (value.Equals("simulator", StringComparison.OrdinalIgnoreCase))
        {
            return UintrBackend.Simulator;
        }

        if (value.Equals("emulated", StringComparison.OrdinalIgnoreCase))
        {
            return UintrBackend.Emulated;
        }

        throw new ArgumentException(
            $"{EnvironmentVariable}='{environmentValue}' is not valid; use one of: auto (default), hardware, simulator, emulated.",
            nameof(environmentValue));
    }
}
