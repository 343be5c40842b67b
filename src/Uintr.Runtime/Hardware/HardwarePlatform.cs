using System;

namespace Uintr.Hardware;

/// <summary>The hardware backend (step 1: detection only; the backend itself follows).</summary>
internal static class HardwarePlatform
{
    /// <summary>The hardware backend for <paramref name="support"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The probe did not confirm the hardware; the message names the missing piece.</exception>
    public static UintrPlatform Create(HardwareSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        _ = UintrSyscalls.Open(support);
        throw new PlatformNotSupportedException("UINTR hardware was detected, but this build has no hardware backend yet.");
    }
}
