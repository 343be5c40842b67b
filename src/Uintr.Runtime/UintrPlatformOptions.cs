namespace Uintr;

/// <summary>How <see cref="UintrPlatform.Create"/> chooses and configures the backend.</summary>
public sealed class UintrPlatformOptions
{
    /// <summary>
    /// The backend to use. <see cref="UintrBackend.Auto"/> (the default) defers to the <c>UINTR_BACKEND</c> environment
    /// variable (auto, hardware or simulator) and, if that is unset or auto, to the hardware probe; any other value
    /// overrides both.
    /// </summary>
    public UintrBackend Backend { get; set; }

    /// <summary>The simulated machine's options when the simulator is chosen (<see langword="null"/>: the defaults).</summary>
    public SimulatorOptions? Simulator { get; set; }
}
