using System;
using System.Reflection;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>On this machine (AMD EPYC, mainline Linux) the hardware backend must refuse to start and execute nothing.</summary>
public sealed class HardwareRefusalTests
{
    [Fact]
    public void CreateRefusesOnThisMachineNamingTheMissingPiece()
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => HardwarePlatform.Create(HardwareProbe.Detect()));

        Assert.Contains("UINTR hardware backend unavailable: the CPU (", e.Message);
    }

    [Fact]
    public void ForcedHardwareBackendRefusesOnThisMachine()
    {
        Assert.Throws<PlatformNotSupportedException>(() => BackendSelector.Select(HardwareProbe.Detect(), "hardware"));
    }

    [Theory]
    [InlineData("RfcV1")]
    [InlineData("UintrNext")]
    public void RecordedSupportNeverCreatesTheRealBackend(string abi)
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => HardwarePlatform.Create(TestReceivers.RecordedSupport(Enum.Parse<KernelAbi>(abi))));

        Assert.Contains("recorded inputs", e.Message);
    }

    [Fact]
    public void NoUintrInstructionStubWasEverMappedInThisProcess()
    {
        // Every attempt above (and UintrPlatform.Default/Hardware() elsewhere) must fail before the stubs exist.
        _ = Record.Exception(() => UintrPlatform.Hardware());
        _ = UintrPlatform.Default;

        var shared = typeof(UintrInstructionStubs).GetField("s_shared", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Null(shared.GetValue(null));
    }

    [Fact]
    public void StubsCannotBeMappedWithoutConfirmedSyscalls()
    {
        Assert.Throws<ArgumentNullException>(() => UintrInstructionStubs.Shared(null!));
        Assert.All(typeof(UintrInstructionStubs).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic), c => Assert.True(c.IsPrivate));
    }
}
