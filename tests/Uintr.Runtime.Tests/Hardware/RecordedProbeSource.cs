using System;
using System.Collections.Generic;
using System.Text;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>Probe inputs of a machine, written down by hand from the reference's description of it.</summary>
internal sealed class RecordedProbeSource : IHardwareProbeSource
{
    private readonly Dictionary<(uint Leaf, uint Subleaf), CpuIdResult> _cpuid = new();
    private readonly Dictionary<string, ProbeFileContent> _files = new(StringComparer.Ordinal);

    public bool IsLinux { get; init; } = true;

    public string OperatingSystemDescription { get; init; } = "Linux 6.18.44";

    public bool IsX86_64 { get; init; } = true;

    public string ProcessArchitecture { get; init; } = "X64";

    public CpuIdResult CpuId(uint leaf, uint subleaf) => _cpuid.TryGetValue((leaf, subleaf), out var r) ? r : CpuIdResult.Zero;

    public ProbeFileContent ReadFile(string path) => _files.TryGetValue(path, out var content) ? content : ProbeFileContent.Unreadable($"FileNotFoundException: Could not find file '{path}'.");

    /// <summary>A CPU with leaf 7 (sub-leaves 0 and 1), the given vendor and brand, and the given feature bits.</summary>
    public RecordedProbeSource WithCpu(string vendor, string brand, bool uintr, bool flexibleUiret = false)
    {
        var v = Encoding.ASCII.GetBytes(vendor.PadRight(12, '\0'));
        _cpuid[(0, 0)] = new CpuIdResult(0x20, BitConverter.ToUInt32(v, 0), BitConverter.ToUInt32(v, 8), BitConverter.ToUInt32(v, 4));
        _cpuid[(7, 0)] = new CpuIdResult(1, 0, 0, uintr ? 1u << 5 : 0);
        _cpuid[(7, 1)] = new CpuIdResult(0, 0, 0, flexibleUiret ? 1u << 17 : 0);
        var b = Encoding.ASCII.GetBytes(brand.PadRight(48, '\0'));
        _cpuid[(0x8000_0000, 0)] = new CpuIdResult(0x8000_0008, 0, 0, 0);
        for (int i = 0; i < 3; i++)
        {
            _cpuid[((uint)(0x8000_0002 + i), 0)] = new CpuIdResult(
                BitConverter.ToUInt32(b, i * 16), BitConverter.ToUInt32(b, i * 16 + 4), BitConverter.ToUInt32(b, i * 16 + 8), BitConverter.ToUInt32(b, i * 16 + 12));
        }

        return this;
    }

    public RecordedProbeSource WithCpuId(uint leaf, uint subleaf, CpuIdResult result)
    {
        _cpuid[(leaf, subleaf)] = result;
        return this;
    }

    public RecordedProbeSource WithFile(string path, string text)
    {
        _files[path] = ProbeFileContent.Read(text);
        return this;
    }

    public RecordedProbeSource WithUnreadableFile(string path, string error)
    {
        _files[path] = ProbeFileContent.Unreadable(error);
        return this;
    }
}
