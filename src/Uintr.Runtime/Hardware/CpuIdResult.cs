namespace Uintr.Hardware;

/// <summary>The four registers one CPUID leaf/sub-leaf returns.</summary>
internal readonly record struct CpuIdResult(uint Eax, uint Ebx, uint Ecx, uint Edx)
{
    /// <summary>What a CPU without the leaf (or a process that cannot execute CPUID) reports.</summary>
    public static CpuIdResult Zero => default;
}
