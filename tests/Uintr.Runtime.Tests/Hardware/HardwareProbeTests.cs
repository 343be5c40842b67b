using System.Linq;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

public sealed class HardwareProbeTests
{
    [Fact]
    public void AmdEpycOnMainlineLacksTheCpuFeatureAndNamesTheCpu()
    {
        var support = HardwareProbe.Detect(RecordedMachines.AmdEpycMainline());

        Assert.False(support.IsAvailable);
        Assert.Equal(HardwareMissingPiece.CpuFeature, support.Missing);
        Assert.Null(support.Abi);
        Assert.Contains("AMD EPYC 9654", support.UnavailableReason);
        Assert.Contains("AuthenticAMD", support.UnavailableReason);
        Assert.Contains("CPUID.(EAX=7,ECX=0):EDX[bit 5] = 0", support.UnavailableReason);
        Assert.False(support.ProbedOnThisMachine);
    }

    [Fact]
    public void IntelWithoutUintrLacksTheCpuFeature()
    {
        var support = HardwareProbe.Detect(RecordedMachines.IntelWithoutUintr());

        Assert.Equal(HardwareMissingPiece.CpuFeature, support.Missing);
        Assert.Contains("GenuineIntel", support.UnavailableReason);
        Assert.Contains("Gold 6248", support.UnavailableReason);
    }

    [Fact]
    public void CpuWithoutLeafSevenIsReportedAsSuch()
    {
        var source = new RecordedProbeSource().WithCpu("GenuineIntel", "Old", uintr: true)
            .WithCpuId(0, 0, new CpuIdResult(5, 0x756E6547, 0x6C65746E, 0x49656E69));

        var support = HardwareProbe.Detect(source);

        Assert.Equal(HardwareMissingPiece.CpuFeature, support.Missing);
        Assert.Contains("highest CPUID leaf is 5", support.UnavailableReason);
    }

    [Fact]
    public void SapphireRapidsOnMainlineKernelHasTheCpuFeatureButNoKernelEnablement()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: false, RecordedMachines.MainlineKallsyms));

        Assert.Equal(HardwareMissingPiece.KernelEnablement, support.Missing);
        Assert.Contains("supports user interrupts", support.UnavailableReason);
        Assert.Contains("no 'uintr' flag in /proc/cpuinfo", support.UnavailableReason);
        Assert.Contains("Gold 5420+", support.UnavailableReason);
    }

    [Fact]
    public void UnreadableCpuInfoIsNamed()
    {
        var source = RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.MainlineKallsyms)
            .WithUnreadableFile(HardwareProbe.CpuInfoPath, "UnauthorizedAccessException: denied");

        var support = HardwareProbe.Detect(source);

        Assert.Equal(HardwareMissingPiece.KernelEnablement, support.Missing);
        Assert.Contains("/proc/cpuinfo could not be read (UnauthorizedAccessException: denied)", support.UnavailableReason);
    }

    [Fact]
    public void KernelFlagWithoutSyscallsIsReportedAsMissingSyscalls()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.MainlineKallsyms));

        Assert.Equal(HardwareMissingPiece.KernelSystemCalls, support.Missing);
        Assert.Contains("no UINTR system calls (no sys_uintr_register_handler)", support.UnavailableReason);
    }

    [Fact]
    public void RfcV1KernelIsAvailableWithTheRfcAbi()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(RecordedMachines.RfcV1Calls)));

        Assert.True(support.IsAvailable);
        Assert.Null(support.UnavailableReason);
        Assert.Equal(KernelAbi.RfcV1, support.Abi);
        Assert.False(support.HasFlexibleUiret);
        Assert.Contains("RFC v1", support.Summary);
    }

    [Fact]
    public void UintrNextKernelIsAvailableWithTheNextAbi()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(RecordedMachines.UintrNextCalls)));

        Assert.True(support.IsAvailable);
        Assert.Equal(KernelAbi.UintrNext, support.Abi);
    }

    [Fact]
    public void FlexibleUiretBitIsReported()
    {
        var source = RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(RecordedMachines.UintrNextCalls))
            .WithCpuId(7, 1, new CpuIdResult(0, 0, 0, 1u << 17));

        Assert.True(HardwareProbe.Detect(source).HasFlexibleUiret);
    }

    [Fact]
    public void PartialSyscallSetNamesTheMissingCalls()
    {
        var calls = RecordedMachines.RfcV1Calls.Where(c => c != "uintr_wait" && c != "uintr_register_sender").ToArray();

        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(calls)));

        Assert.Equal(HardwareMissingPiece.KernelSystemCalls, support.Missing);
        Assert.Contains("lacks sys_uintr_register_sender, sys_uintr_wait", support.UnavailableReason);
    }

    [Fact]
    public void AmbiguousRevisionIsRefused()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true,
            RecordedMachines.UintrKallsyms(RecordedMachines.RfcV1Calls.Concat(["uintr_vector_fd"]).ToArray())));

        Assert.Equal(HardwareMissingPiece.KernelSystemCalls, support.Missing);
        Assert.Contains("both sys_uintr_create_fd and sys_uintr_vector_fd", support.UnavailableReason);
    }

    [Fact]
    public void NonLinuxIsReportedFirst()
    {
        var source = new RecordedProbeSource { IsLinux = false, OperatingSystemDescription = "Microsoft Windows 10.0.26100" }
            .WithCpu("GenuineIntel", "Intel(R) Xeon(R) Gold 5420+", uintr: true);

        var support = HardwareProbe.Detect(source);

        Assert.Equal(HardwareMissingPiece.OperatingSystem, support.Missing);
        Assert.Contains("Microsoft Windows 10.0.26100, not Linux", support.UnavailableReason);
    }

    [Fact]
    public void NonX64ProcessIsReported()
    {
        var support = HardwareProbe.Detect(new RecordedProbeSource { IsX86_64 = false, ProcessArchitecture = "Arm64" });

        Assert.Equal(HardwareMissingPiece.Architecture, support.Missing);
        Assert.Contains("Arm64, not x86-64", support.UnavailableReason);
    }

    [Fact]
    public void UnreadableKallsymsIsNamedAndNoAbiIsGuessed()
    {
        var source = RecordedMachines.SapphireRapids(uintrFlag: true, string.Empty)
            .WithUnreadableFile(HardwareProbe.KallsymsPath, "UnauthorizedAccessException: Access to the path '/proc/kallsyms' is denied.");

        var support = HardwareProbe.Detect(source);

        Assert.Equal(HardwareMissingPiece.SymbolTableUnreadable, support.Missing);
        Assert.Null(support.Abi);
        Assert.Contains("/proc/kallsyms could not be read (UnauthorizedAccessException", support.UnavailableReason);
    }

    [Fact]
    public void EmptyKallsymsCountsAsUnreadable()
    {
        var support = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, string.Empty));

        Assert.Equal(HardwareMissingPiece.SymbolTableUnreadable, support.Missing);
        Assert.Contains("it is empty", support.UnavailableReason);
    }

    [Fact]
    public void KallsymsParserAcceptsWrappedNamesAndModulesAndIgnoresLookalikes()
    {
        const string listing =
            "ffffffff81000000 T __x64_sys_uintr_wait\n" +
            "0000000000000000 t __se_sys_uintr_create_fd.cold\n" +
            "0000000000000000 T sys_uintr_register_handler\t[uintr]\n" +
            "0000000000000000 T my_sys_uintr_fake\n" +
            "0000000000000000 T __x64_sys_futex_waitv\n";

        var calls = HardwareProbe.FindUintrSyscalls(listing);

        Assert.Equal(new[] { "uintr_create_fd", "uintr_register_handler", "uintr_wait" }, calls.Order().ToArray());
    }
}
