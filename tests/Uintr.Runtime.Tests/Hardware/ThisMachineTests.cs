using System;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>This project's machines are AMD EPYC on mainline Linux: no UINTR anywhere.</summary>
public sealed class ThisMachineTests
{
    [Fact]
    public void DetectReportsUnavailableAndNamesTheCpu()
    {
        var support = HardwareProbe.Detect();

        Assert.False(support.IsAvailable);
        Assert.True(support.ProbedOnThisMachine);
        Assert.Equal(HardwareMissingPiece.CpuFeature, support.Missing);
        Assert.Contains("AMD", support.UnavailableReason);
        Assert.Contains("AuthenticAMD", support.UnavailableReason);
    }

    [Fact]
    public void DefaultFallsBackToTheSimulatorWithTheReason()
    {
        string? requested = Environment.GetEnvironmentVariable(BackendSelector.EnvironmentVariable);
        Assert.True(string.IsNullOrEmpty(requested) || requested.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase),
            $"run the tests without {BackendSelector.EnvironmentVariable} (it is '{requested}')");

        var platform = UintrPlatform.Default;

        Assert.IsType<UintrSimulator>(platform);
        Assert.Contains("hardware backend not used: the CPU (", platform.Description);
        Assert.Contains("AMD", platform.Description);
    }

    [Fact]
    public void HardwareThrowsNamingTheMissingPiece()
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => UintrPlatform.Hardware());

        Assert.Contains("does not support user interrupts", e.Message);
        Assert.Contains("AMD", e.Message);
    }
}
