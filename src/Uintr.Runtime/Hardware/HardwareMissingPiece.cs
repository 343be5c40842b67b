namespace Uintr.Hardware;

/// <summary>The first piece the probe found missing, in probe order (docs/uintr-reference.md section 9).</summary>
internal enum HardwareMissingPiece
{
    /// <summary>Nothing is missing: the hardware backend can run.</summary>
    None,
    /// <summary>The OS is not Linux.</summary>
    OperatingSystem,
    /// <summary>The process is not x86-64.</summary>
    Architecture,
    /// <summary>CPUID.(EAX=7,ECX=0):EDX[5] is 0.</summary>
    CpuFeature,
    /// <summary>The CPU has UINTR but the kernel did not enable it (no <c>uintr</c> in /proc/cpuinfo, or it could not be read).</summary>
    KernelEnablement,
    /// <summary>/proc/kallsyms could not be read, so the system calls cannot be confirmed.</summary>
    SymbolTableUnreadable,
    /// <summary>The kernel enabled UINTR but /proc/kallsyms lacks (some of) the UINTR system calls.</summary>
    KernelSystemCalls,
}
