namespace Uintr.Hardware;

/// <summary>Which backend <see cref="UintrPlatform.Default"/> uses (environment variable <c>UINTR_BACKEND</c>).</summary>
internal enum UintrBackend
{
    /// <summary>Hardware when fully present, else the simulator (the default).</summary>
    Auto,
    /// <summary>Hardware or an error naming the missing piece.</summary>
    Hardware,
    /// <summary>Always the simulator.</summary>
    Simulator,
}
