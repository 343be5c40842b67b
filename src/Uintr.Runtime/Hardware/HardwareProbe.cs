namespace Uintr.Hardware;

internal static class HardwareProbe
{
    public static HardwareSupport Detect() => new(false, "probe not written yet");
}
