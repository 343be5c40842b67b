using System;
using Uintr.CompilerServices;
using Uintr.Hardware;

namespace Uintr;

/// <summary>
/// Where user interrupts run: the real UINTR hardware (<see cref="Hardware"/>) or the built-in
/// cycle-level simulator (<see cref="Simulator"/>). Every other type of the API works the same on both.
/// </summary>
public abstract class UintrPlatform
{
    private static readonly Lazy<UintrPlatform> s_default = new(CreateDefault);

    private protected UintrPlatform()
    {
    }

    /// <summary>
    /// The hardware backend when the CPU, the kernel and its UINTR system calls are all present,
    /// otherwise the simulator. <see cref="Description"/> says which one and why.
    /// </summary>
    public static UintrPlatform Default => s_default.Value;

    /// <summary>The real UINTR hardware.</summary>
    /// <exception cref="PlatformNotSupportedException">A piece is missing; the message names it (CPU, kernel enablement, system calls, OS).</exception>
    public static UintrPlatform Hardware() => HardwarePlatform.Create(HardwareProbe.Detect());

    /// <summary>
    /// The platform <paramref name="options"/> ask for: an explicit <see cref="UintrPlatformOptions.Backend"/>, else the
    /// <c>UINTR_BACKEND</c> environment variable, else hardware when fully present and the simulator otherwise, whose
    /// <see cref="Description"/> then names what is missing.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Hardware was requested but a piece is missing; the message names it.</exception>
    /// <exception cref="ArgumentException">UINTR_BACKEND holds something other than auto, hardware or simulator.</exception>
    public static UintrPlatform Create(UintrPlatformOptions? options = null) =>
        BackendSelector.Select(HardwareProbe.Detect(), options ?? new UintrPlatformOptions(), Environment.GetEnvironmentVariable(BackendSelector.EnvironmentVariable));

    /// <summary>A new simulated machine (Sapphire Rapids timing at 2.0 GHz unless <paramref name="options"/> say otherwise).</summary>
    /// <param name="options">Cores, seed, timing; <see langword="null"/> for the defaults.</param>
    public static UintrSimulator Simulator(SimulatorOptions? options = null) => new(options ?? new SimulatorOptions());

    /// <summary>Which backend this is and why it was chosen.</summary>
    public abstract string Description { get; }

    /// <summary>Ticks per second of <see cref="GetTimestamp"/>: the core frequency on the simulator.</summary>
    public abstract long TimestampFrequency { get; }

    /// <summary>The current time in ticks of <see cref="TimestampFrequency"/> (simulated cycles on the simulator).</summary>
    public abstract long GetTimestamp();

    /// <summary>Starts <paramref name="body"/> on a new thread of this platform (a simulated thread on the simulator).</summary>
    /// <param name="name">The thread's name, used in traces and error messages.</param>
    /// <param name="body">The code the thread runs.</param>
    public abstract UintrThread StartThread(string name, Action body);

    /// <summary>
    /// Connects the calling thread to the receiver vector behind <paramref name="fd"/> (uintr_register_sender)
    /// and returns the sender that executes SENDUIPI with the new UITT index.
    /// </summary>
    /// <exception cref="UintrException">The kernel refused (EBADF, EISCONN, ECONNRESET, ESHUTDOWN, ENOSPC, ...).</exception>
    public abstract UintrSender RegisterSender(UintrFd fd);

    /// <summary>
    /// A connected pair of Unix domain sockets that carry uintr fds of this platform to another process
    /// (<see cref="UintrSocket.Send(UintrFd)"/>): real sockets on the hardware backend, sockets of the simulated kernel on
    /// the simulator. Hand one end to the other process by inheritance (<see cref="UintrInheritable"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The backend has no processes to pass fds between.</exception>
    public virtual (UintrSocket First, UintrSocket Second) CreateSocketPair() =>
        throw new NotSupportedException($"{Description}: uintr fds cannot be passed between processes on this backend.");

    /// <summary>
    /// Spins until <paramref name="condition"/> holds or <paramref name="timeout"/> passes. On the simulator
    /// simulated time passes while spinning, so other simulated threads run and can satisfy the condition.
    /// </summary>
    /// <returns><see langword="true"/> when the condition held, <see langword="false"/> on time-out.</returns>
    public abstract bool SpinUntil(Func<bool> condition, TimeSpan? timeout = null);

    /// <summary>Registers the calling thread as receiver of <paramref name="definition"/> (called by generated code).</summary>
    internal abstract UintrReceiver RegisterReceiver(UserInterruptReceiverDefinition definition);

    /// <summary>The user-interrupt flag of the calling thread on this platform (CLUI/STUI/TESTUI).</summary>
    internal abstract IUserInterruptFlag CurrentThreadFlag();

    /// <inheritdoc />
    public override string ToString() => Description;

    private static UintrPlatform CreateDefault() => Create();
}
