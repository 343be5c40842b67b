using System;

namespace Uintr.Hardware;

/// <summary>
/// What <see cref="HardwareProbe"/> found: whether the hardware backend can run, which kernel ABI it
/// must speak, and otherwise the one piece that is missing, named precisely.
/// </summary>
internal sealed class HardwareSupport
{
    private HardwareSupport(
        HardwareMissingPiece missing,
        string? unavailableReason,
        KernelAbi? abi,
        bool hasFlexibleUiret,
        string cpuDescription,
        string operatingSystemDescription,
        bool probedOnThisMachine)
    {
        Missing = missing;
        UnavailableReason = unavailableReason;
        Abi = abi;
        HasFlexibleUiret = hasFlexibleUiret;
        CpuDescription = cpuDescription;
        OperatingSystemDescription = operatingSystemDescription;
        ProbedOnThisMachine = probedOnThisMachine;
    }

    /// <summary>Whether the CPU, the kernel enablement and every system call of one ABI revision were confirmed.</summary>
    public bool IsAvailable => Missing == HardwareMissingPiece.None;

    /// <summary>The first missing piece in probe order, or <see cref="HardwareMissingPiece.None"/>.</summary>
    public HardwareMissingPiece Missing { get; }

    /// <summary>One sentence naming exactly what is missing; <see langword="null"/> when available.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The kernel ABI revision confirmed in /proc/kallsyms; <see langword="null"/> unless available.</summary>
    public KernelAbi? Abi { get; }

    /// <summary>CPUID.(EAX=7,ECX=1):EDX[17]: UIRET takes UIF from bit 1 of the popped RFLAGS.</summary>
    public bool HasFlexibleUiret { get; }

    /// <summary>The CPU's brand string and vendor, for messages.</summary>
    public string CpuDescription { get; }

    /// <summary>The OS and kernel release, for messages.</summary>
    public string OperatingSystemDescription { get; }

    /// <summary>
    /// Whether the result comes from the live machine rather than recorded inputs. Only such a result
    /// may unlock the system calls: a recording says nothing about the kernel this process runs on.
    /// </summary>
    public bool ProbedOnThisMachine { get; }

    /// <summary>A one-line summary for diagnostics and the HardwareCheck sample.</summary>
    public string Summary => IsAvailable
        ? $"UINTR hardware present: {CpuDescription}; {OperatingSystemDescription}; kernel ABI {DescribeAbi(Abi)}; flexible UIRET {(HasFlexibleUiret ? "yes" : "no")}"
        : $"UINTR hardware not available: {UnavailableReason}";

    public static HardwareSupport Available(KernelAbi abi, bool hasFlexibleUiret, string cpuDescription, string operatingSystemDescription, bool probedOnThisMachine) =>
        new(HardwareMissingPiece.None, null, abi, hasFlexibleUiret, cpuDescription, operatingSystemDescription, probedOnThisMachine);

    public static HardwareSupport Unavailable(HardwareMissingPiece missing, string reason, bool hasFlexibleUiret, string cpuDescription, string operatingSystemDescription, bool probedOnThisMachine)
    {
        if (missing == HardwareMissingPiece.None)
        {
            throw new ArgumentException("Unavailable hardware names the missing piece.", nameof(missing));
        }

        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(missing, reason, null, hasFlexibleUiret, cpuDescription, operatingSystemDescription, probedOnThisMachine);
    }

    /// <summary>The ABI revision with its system-call range, for messages.</summary>
    public static string DescribeAbi(KernelAbi? abi) => abi switch
    {
        KernelAbi.RfcV1 => "RFC v1 (sys_uintr_create_fd, system calls 449-454)",
        KernelAbi.UintrNext => "uintr-next (sys_uintr_vector_fd, system calls 471-479)",
        _ => "none",
    };

    /// <inheritdoc />
    public override string ToString() => Summary;
}
