using System;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

public sealed class BackendSelectorTests
{
    private static HardwareSupport Amd() => HardwareProbe.Detect(RecordedMachines.AmdEpycMainline());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public void AutoWithoutHardwareFallsBackToTheSimulatorWithTheReason(string? value)
    {
        var platform = BackendSelector.Select(Amd(), value);

        var simulator = Assert.IsType<UintrSimulator>(platform);
        Assert.Contains("hardware backend not used: the CPU (AMD EPYC 9654", simulator.Description);
    }

    [Theory]
    [InlineData("simulator")]
    [InlineData("Simulator")]
    public void SimulatorIsChosenWhenRequested(string value)
    {
        var platform = BackendSelector.Select(Amd(), value);

        Assert.Contains("UINTR_BACKEND=simulator was requested", Assert.IsType<UintrSimulator>(platform).Description);
    }

    [Theory]
    [InlineData("emulated")]
    [InlineData(" Emulated ")]
    public void EmulatedIsChosenOnlyWhenRequestedAndSaysWhatItIs(string value)
    {
        var platform = BackendSelector.Select(Amd(), value);

        Assert.IsType<Uintr.Emulation.EmulatedPlatform>(platform);
        Assert.Contains("emulated UINTR backend (UINTR_BACKEND=emulated was requested)", platform.Description);
        Assert.Contains("Not hardware", platform.Description);
        Assert.IsNotType<Uintr.Emulation.EmulatedPlatform>(BackendSelector.Select(Amd(), "auto"));
        Assert.IsType<Uintr.Emulation.EmulatedPlatform>(BackendSelector.Select(Amd(), new UintrPlatformOptions { Backend = UintrBackend.Emulated }, "simulator"));
    }

    [Theory]
    [InlineData("hardware")]
    [InlineData("HARDWARE")]
    public void HardwareForcedWithoutSupportThrowsWithTheReason(string value)
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(Amd(), value));

        Assert.Contains("CPUID.(EAX=7,ECX=0):EDX[bit 5] = 0", e.Message);
        Assert.Contains("AMD EPYC 9654", e.Message);
    }

    [Theory]
    [InlineData("hw")]
    [InlineData("sim")]
    [InlineData("true")]
    public void AnyOtherValueIsRejectedNamingTheValidOnes(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => BackendSelector.Select(Amd(), value));

        Assert.Contains($"UINTR_BACKEND='{value}'", e.Message);
        Assert.Contains("auto (default), hardware, simulator", e.Message);
    }

    [Fact]
    public void ExplicitBackendOverridesTheEnvironment()
    {
        Assert.IsType<UintrSimulator>(BackendSelector.Select(Amd(), UintrBackend.Simulator));
        Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(Amd(), UintrBackend.Hardware));
    }

    [Fact]
    public void RecordedAvailableHardwareNeverUnlocksTheBackendOnThisMachine()
    {
        var recorded = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(RecordedMachines.RfcV1Calls)));
        Assert.True(recorded.IsAvailable);

        Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(recorded, "auto"));
        Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(recorded, "hardware"));
    }
}
