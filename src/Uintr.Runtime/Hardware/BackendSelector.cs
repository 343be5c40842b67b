namespace Uintr.Hardware;

internal static class BackendSelector
{
    public const string EnvironmentVariable = "UINTR_BACKEND";

    public static UintrPlatform Select(HardwareSupport support, string? environment) => new UintrSimulator(new SimulatorOptions(), support.MissingPiece);
}
