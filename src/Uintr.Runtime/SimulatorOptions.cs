using System;

namespace Uintr;

/// <summary>Configuration of a simulated machine. The defaults model Sapphire Rapids at 2.0 GHz (docs/uintr-reference.md section 10).</summary>
public sealed class SimulatorOptions
{
    private int _cores = 4;
    private int _seed = 1;
    private long _frequencyHz = 2_000_000_000;
    private TimeSpan? _timeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Number of simulated cores (1 to 256). Each simulated thread runs on its own core while cores last.</summary>
    public int Cores
    {
        get => _cores;
        set => _cores = value is >= 1 and <= 256 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A simulated machine has 1 to 256 cores.");
    }

    /// <summary>
    /// Seed of every random choice (initial register contents, tie-breaks, timing jitter), 0 or more. Same seed, same
    /// trace. Negative seeds are refused: <see cref="Random(int)"/> folds -n onto n, so they would silently repeat a trace.
    /// </summary>
    public int Seed
    {
        get => _seed;
        set => _seed = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A seed is 0 or more (System.Random gives -n the same sequence as n).");
    }

    /// <summary>Core frequency in Hz; simulated time is counted in cycles of this clock.</summary>
    public long FrequencyHz
    {
        get => _frequencyHz;
        set => _frequencyHz = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The frequency must be positive.");
    }

    /// <summary>
    /// Relative jitter applied to each modelled cost (0 = exact costs). Drawn from the seeded generator, so runs stay
    /// reproducible; a small jitter makes latency distributions look like measurements instead of single values.
    /// </summary>
    public double TimingJitter { get; set; }

    /// <summary>Whether the machine records its event trace (see UintrSimulator.Trace).</summary>
    public bool RecordTrace { get; set; }

    /// <summary>The kernel ABI revision the simulated kernel implements (RFC v1 by default: the ABI the RFC posting describes).</summary>
    public KernelAbi KernelAbi { get; set; } = KernelAbi.RfcV1;

    /// <summary>
    /// Whether the UITT is shared by the threads of a process (an open question of the RFC). <see langword="null"/> follows
    /// the ABI: per thread on RFC v1, per process on uintr-next.
    /// </summary>
    public bool? SharedUitt { get; set; }

    /// <summary>
    /// Whether a user interrupt ends other blocking system calls with EINTR, as a signal does (an open question of the
    /// RFC; off by default: only uintr_wait is interrupted).
    /// </summary>
    public bool InterruptBlockingSyscalls { get; set; }

    /// <summary>x2APIC mode (32-bit APIC IDs in UPID.NDST); false selects xAPIC mode (8-bit IDs in NDST bits 15:8).</summary>
    public bool X2Apic { get; set; } = true;

    /// <summary>
    /// Whether the simulated processors enumerate flexible UIRET (CPUID.(EAX=7,ECX=1):EDX[17], a later extension): UIRET
    /// then takes UIF from bit 1 of the RFLAGS image it pops instead of setting it, so a handler can return with user
    /// interrupts masked. Off by default, as on Sapphire Rapids. The generated trampolines leave that bit set (it is
    /// RFLAGS' fixed bit 1), so they behave the same either way.
    /// </summary>
    public bool FlexibleUiret { get; set; }

    /// <summary>
    /// Whether the uintr-next kernel was built with CONFIG_X86_UINTR_BLOCKING (the default). Without it
    /// uintr_register_handler refuses the waiting flags with EINVAL and uintr_wait returns ENOSYS, so a blocked
    /// <see cref="UintrReceiver.Wait"/> sleeps in short slices instead. RFC v1 kernels always block.
    /// </summary>
    public bool BlockingWaitsConfigured { get; set; } = true;

    /// <summary>
    /// How much simulated time a program may run (60 s by default; <see langword="null"/> for no limit). When simulated
    /// time would pass it, every simulated thread gets a <see cref="TimeoutException"/> that names what each one was doing,
    /// as a deadlock is reported: threads that poll, or wait with time-outs in a loop, for an interrupt that never comes
    /// fail instead of running forever.
    /// </summary>
    public TimeSpan? TimeLimit
    {
        get => _timeLimit;
        set => _timeLimit = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A time limit must be positive (null for none).");
    }

    /// <summary>Defects planted for the schedule explorer's own tests (never set by users: there is no public way to).</summary>
    internal Simulation.PlantedBugs PlantedBugs { get; set; }

    internal Simulation.Kernel.KernelOptions ToKernelOptions() => new(KernelAbi, SharedUitt, InterruptBlockingSyscalls, BlockingConfigured: BlockingWaitsConfigured, PlantedBugs: PlantedBugs);
}
