using System;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary><see cref="UintrPlatformOptions"/>: an explicit backend beats the environment variable, which beats the probe.</summary>
public class PlatformOptionsTests
{
    private static HardwareSupport Amd() => HardwareProbe.Detect(RecordedMachines.AmdEpycMainline());

    [Fact]
    public void Auto_defers_to_the_environment_variable()
    {
        var options = new UintrPlatformOptions();

        Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(Amd(), options, "hardware"));
        var simulator = Assert.IsType<UintrSimulator>(BackendSelector.Select(Amd(), options, "simulator"));
        Assert.Contains("UINTR_BACKEND=simulator was requested", simulator.Description);
        Assert.Contains("does not support user interrupts", Assert.IsType<UintrSimulator>(BackendSelector.Select(Amd(), options, null)).Description);
    }

    [Fact]
    public void An_explicit_backend_overrides_the_environment_variable()
    {
        var simulator = Assert.IsType<UintrSimulator>(BackendSelector.Select(Amd(), new UintrPlatformOptions { Backend = UintrBackend.Simulator }, "hardware"));
        Assert.Contains("UintrPlatformOptions.Backend = Simulator was requested", simulator.Description);

        var error = Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(Amd(), new UintrPlatformOptions { Backend = UintrBackend.Hardware }, "simulator"));
        Assert.Contains("AuthenticAMD", error.Message);
    }

    [Fact]
    public void The_simulator_gets_the_options_simulator_settings_and_a_bad_variable_is_named()
    {
        var options = new UintrPlatformOptions { Simulator = new SimulatorOptions { Seed = 77, Cores = 8 } };

        var simulator = Assert.IsType<UintrSimulator>(BackendSelector.Select(Amd(), options, null));

        Assert.Same(options.Simulator, simulator.Options);
        Assert.Contains("seed 77", simulator.Description);
        Assert.Contains("'turbo'", Assert.Throws<ArgumentException>(() => BackendSelector.Select(Amd(), options, "turbo")).Message);
    }

    [Fact]
    public void Create_on_this_machine_gives_the_simulator_with_the_reason()
    {
        var platform = UintrPlatform.Create(new UintrPlatformOptions { Simulator = new SimulatorOptions { Seed = 5 } });

        if (HardwareProbe.Detect().IsAvailable)
        {
            Assert.IsType<HardwarePlatform>(platform);   // a UINTR machine gets the real thing
            return;
        }

        var simulator = Assert.IsType<UintrSimulator>(platform);
        Assert.Equal(5, simulator.Options.Seed);
        Assert.Contains("hardware backend not used", simulator.Description);
    }
}
