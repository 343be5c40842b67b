namespace Uintr;

/// <summary>Which backend a platform uses (<see cref="UintrPlatformOptions.Backend"/>, or the <c>UINTR_BACKEND</c> environment variable).</summary>
public enum UintrBackend
{
    /// <summary>Hardware when the CPU, the kernel and its system calls are all present, else the simulator (the default).</summary>
    Auto,
    /// <summary>The hardware, or a <see cref="System.PlatformNotSupportedException"/> naming the missing piece.</summary>
    Hardware,
    /// <summary>Always the simulator.</summary>
    Simulator,
    /// <summary>
    /// The emulated backend: the generated trampolines run natively on real threads of any x86-64 Linux, with deliveries
    /// emulated through a real-time signal and UIRET (and the UINTR stubs) through SIGILL. Never chosen automatically; its
    /// latencies are those of signals, not of the hardware.
    /// </summary>
    Emulated,
}
