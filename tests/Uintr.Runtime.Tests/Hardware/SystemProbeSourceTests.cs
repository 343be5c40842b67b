using System.IO;
using System.Linq;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

public sealed class SystemProbeSourceTests
{
    private static readonly SystemProbeSource s_source = SystemProbeSource.Instance;

    [Fact]
    public void CpuidVendorMatchesTheKernelsVendorId()
    {
        string vendorId = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("vendor_id", System.StringComparison.Ordinal)).Split(':')[1].Trim();

        Assert.Contains($"vendor {vendorId}", HardwareProbe.DescribeCpu(s_source));
        Assert.True(s_source.CpuId(0, 0).Eax >= 7);
    }

    [Fact]
    public void MissingFilesAreReportedNotThrown()
    {
        var content = s_source.ReadFile("/proc/definitely-not-a-file");

        Assert.False(content.IsReadable);
        Assert.Contains("definitely-not-a-file", content.Error);
    }

    [Fact]
    public void ProcFilesWithZeroSizeAreReadToTheEnd()
    {
        var content = s_source.ReadFile(HardwareProbe.CpuInfoPath);

        Assert.True(content.IsReadable);
        Assert.Contains("flags", content.Text);
    }

    [Fact]
    public void ThisProcessIsX64Linux()
    {
        Assert.True(s_source.IsLinux);
        Assert.True(s_source.IsX86_64);
        string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        Assert.StartsWith($"Linux {release} (", s_source.OperatingSystemDescription);
    }
}
