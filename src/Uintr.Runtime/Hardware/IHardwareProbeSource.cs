namespace Uintr.Hardware;

/// <summary>
/// Everything <see cref="HardwareProbe"/> looks at, behind an interface so that tests can replay the
/// inputs of machines this project has never run on. Reading these inputs never issues a UINTR system call.
/// </summary>
internal interface IHardwareProbeSource
{
    /// <summary>Whether the process runs on Linux.</summary>
    bool IsLinux { get; }

    /// <summary>The OS name and kernel release, for messages (for example <c>Linux 6.18.44</c>).</summary>
    string OperatingSystemDescription { get; }

    /// <summary>Whether the process runs as x86-64 code (SENDUIPI and friends exist only in 64-bit mode).</summary>
    bool IsX86_64 { get; }

    /// <summary>The process architecture, for messages (for example <c>Arm64</c>).</summary>
    string ProcessArchitecture { get; }

    /// <summary>CPUID with EAX = <paramref name="leaf"/>, ECX = <paramref name="subleaf"/>; all zero when CPUID cannot run.</summary>
    CpuIdResult CpuId(uint leaf, uint subleaf);

    /// <summary>The text of <paramref name="path"/>, tolerating a missing or unreadable file.</summary>
    ProbeFileContent ReadFile(string path);
}
