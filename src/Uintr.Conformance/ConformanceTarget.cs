using System;
using System.Runtime.ExceptionServices;
using Uintr.Hardware;

namespace Uintr.Conformance;

/// <summary>
/// What the checks run against: the simulator under one kernel ABI (a fresh simulated machine per platform asked for),
/// or one platform of another backend (the hardware, or any backend <see cref="UintrPlatform.Create"/> can build).
/// </summary>
internal sealed class ConformanceTarget
{
    private readonly UintrPlatform? _shared;

    private ConformanceTarget(string name, KernelAbi? abi, bool isSimulator, UintrPlatform? shared, string? unavailableReason, string description)
    {
        Name = name;
        Abi = abi;
        IsSimulator = isSimulator;
        _shared = shared;
        UnavailableReason = unavailableReason;
        Description = description;
    }

    /// <summary>The backend's name, as <c>uintr selftest --backend</c> takes it.</summary>
    public string Name { get; }

    /// <summary>The kernel ABI whose behaviour the checks expect; <see langword="null"/> when the backend does not say.</summary>
    public KernelAbi? Abi { get; }

    /// <summary>The simulator: raw-kernel checks run, and #UD/#GP come back as exceptions instead of signals.</summary>
    public bool IsSimulator { get; }

    /// <summary>Why no check can run here (the backend is missing a piece); <see langword="null"/> when available.</summary>
    public string? UnavailableReason { get; }

    /// <summary>One line for the KTAP header: the backend, and the ABI the checks expect.</summary>
    public string Description { get; }

    /// <summary>The simulator running the kernel ABI <paramref name="abi"/>.</summary>
    public static ConformanceTarget Simulator(KernelAbi abi) =>
        new("simulator", abi, isSimulator: true, shared: null, unavailableReason: null,
            $"UINTR simulator, kernel ABI {HardwareSupport.DescribeAbi(abi)} (a fresh simulated machine per check)");

    /// <summary>
    /// The target for <paramref name="backend"/>: the simulator under <paramref name="simulatorAbi"/>, the hardware as
    /// <paramref name="hardware"/> found it, or whatever platform <see cref="UintrPlatform.Create"/> builds for any other
    /// backend. A backend that cannot run here yields a target whose <see cref="UnavailableReason"/> says why.
    /// </summary>
    public static ConformanceTarget ForBackend(UintrBackend backend, KernelAbi simulatorAbi, HardwareSupport hardware)
    {
        string name = backend.ToString().ToLowerInvariant();
        if (backend == UintrBackend.Simulator)
        {
            return Simulator(simulatorAbi);
        }

        if (backend == UintrBackend.Hardware)
        {
            return hardware.IsAvailable
                ? new(name, hardware.Abi, isSimulator: false, HardwarePlatform.Create(hardware), null, $"backend: {hardware.Summary}")
                : new(name, hardware.Abi, isSimulator: false, null, $"hardware backend unavailable: {hardware.UnavailableReason}", hardware.Summary);
        }

        UintrPlatform platform;
        try
        {
            platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = backend, Simulator = new SimulatorOptions { KernelAbi = simulatorAbi } });
        }
        catch (PlatformNotSupportedException e)
        {
            return new(name, null, isSimulator: false, null, $"{name} backend unavailable: {e.Message}", $"{name} backend unavailable");
        }

        return platform switch
        {
            UintrSimulator simulator => Simulator(simulator.Options.KernelAbi),
            HardwarePlatform hw => new(name, hw.Support.Abi, isSimulator: false, hw, null, $"backend: {hw.Support.Summary}"),

            // The emulated UITT is per process and it has the alternate stack, as uintr-next (docs/emulated.md).
            Uintr.Emulation.EmulatedPlatform => new(name, KernelAbi.UintrNext, isSimulator: false, platform, null, $"backend: {platform.Description}"),
            _ => new(name, null, isSimulator: false, platform, null, $"backend: {platform.Description}"),
        };
    }

    /// <summary>
    /// An already built <paramref name="platform"/> of a backend the suite does not know by name (every check shares it,
    /// as on hardware), whose kernel behaviour follows <paramref name="abi"/>. Raw-kernel and fault checks skip.
    /// </summary>
    public static ConformanceTarget ForPlatform(string name, UintrPlatform platform, KernelAbi? abi) =>
        new(name, abi, isSimulator: false, platform, null, $"backend: {platform.Description}");

    /// <summary>
    /// A platform for one check: a new simulated machine with <paramref name="options"/> (its kernel ABI always this
    /// target's), or the backend's one platform.
    /// </summary>
    public UintrPlatform Platform(SimulatorOptions? options = null)
    {
        if (_shared is not null)
        {
            return _shared;
        }

        options ??= new SimulatorOptions();
        options.KernelAbi = Abi ?? KernelAbi.RfcV1;
        return UintrPlatform.Simulator(options);
    }

    /// <summary>A simulated machine whose kernel the check calls directly, under this target's ABI.</summary>
    public KernelBench Bench() =>
        IsSimulator ? new KernelBench(Abi ?? KernelAbi.RfcV1) : throw new CheckSkippedException("drives the simulator's kernel and CPU model directly");

    /// <summary>The ABI, for a check whose expectation depends on it; skips the check when the backend does not say.</summary>
    public KernelAbi RequireAbi() =>
        Abi ?? throw new CheckSkippedException($"the {Name} backend does not say which kernel ABI it follows, and this check's expectation depends on it");

    /// <summary>Runs <paramref name="body"/> on a new thread of <paramref name="platform"/> and rethrows what it threw.</summary>
    public static void OnThread(UintrPlatform platform, string name, Action body)
    {
        Exception? failure = null;
        platform.StartThread(name, () =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }).Join();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
