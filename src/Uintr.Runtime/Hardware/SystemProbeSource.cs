using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Uintr.Hardware;

/// <summary>The probe inputs of the machine the process runs on.</summary>
internal sealed class SystemProbeSource : IHardwareProbeSource
{
    public static readonly SystemProbeSource Instance = new();

    private SystemProbeSource()
    {
    }

    public bool IsLinux => OperatingSystem.IsLinux();

    // On Linux OSDescription names the distribution; the kernel release is what decides UINTR support.
    public string OperatingSystemDescription => IsLinux && ReadFile("/proc/sys/kernel/osrelease").Text is { } release
        ? $"Linux {release.Trim()} ({RuntimeInformation.OSDescription})"
        : RuntimeInformation.OSDescription;

    public bool IsX86_64 => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public string ProcessArchitecture => RuntimeInformation.ProcessArchitecture.ToString();

    public CpuIdResult CpuId(uint leaf, uint subleaf)
    {
        if (!X86Base.IsSupported)
        {
            return CpuIdResult.Zero;
        }

        var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)leaf), unchecked((int)subleaf));
        return new CpuIdResult(unchecked((uint)eax), unchecked((uint)ebx), unchecked((uint)ecx), unchecked((uint)edx));
    }

    public ProbeFileContent ReadFile(string path)
    {
        // /proc files report size 0, so read to end rather than trusting the length.
        try
        {
            using var reader = new StreamReader(path);
            return ProbeFileContent.Read(reader.ReadToEnd());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            return ProbeFileContent.Unreadable($"{e.GetType().Name}: {e.Message}");
        }
    }
}
