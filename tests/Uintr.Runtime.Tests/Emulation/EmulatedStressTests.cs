using System;
using Xunit.Abstractions;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>
/// The stress run for every trampoline variant, with a count small enough for CI. The 100,000-delivery runs are the
/// emulated benchmark's <c>stress</c> command (docs/emulated.md).
/// </summary>
[Collection(EmulatedCollection.Name)]
public sealed class EmulatedStressTests(ITestOutputHelper output)
{
    private const int Deliveries = 2_000;

    public static TheoryData<string> Variants() => new() { "plain", "counters", "wake", "altstack", "endbranch" };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_delivery_arrives_exactly_once_and_the_computation_stays_exact(string variant)
    {
        var platform = EmulatedTestPlatform.Instance;
        var result = variant switch
        {
            "plain" => EmulatedStress.Run(platform, variant, PlainEmulatedBell.RegisterUserInterrupts, 2, 40, Deliveries, countsPerVector: false, TimeSpan.FromSeconds(240)),
            "counters" => EmulatedStress.Run(platform, variant, CountingEmulatedBell.RegisterUserInterrupts, 3, 9, Deliveries, countsPerVector: true, TimeSpan.FromSeconds(240)),
            "wake" => EmulatedStress.Run(platform, variant, WakingEmulatedBell.RegisterUserInterrupts, 5, 6, Deliveries, countsPerVector: true, TimeSpan.FromSeconds(240)),
            "altstack" => EmulatedStress.Run(platform, variant, AltStackEmulatedBell.RegisterUserInterrupts, 1, 62, Deliveries, countsPerVector: true, TimeSpan.FromSeconds(240)),
            "endbranch" => EmulatedStress.Run(platform, variant, EndBranchEmulatedBell.RegisterUserInterrupts, 0, 60, Deliveries, countsPerVector: true, TimeSpan.FromSeconds(240)),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        output.WriteLine(result.ToString());

        Assert.Null(result.Failure);
        Assert.Equal(Deliveries, result.Sends);
        Assert.Equal(Deliveries, result.Deliveries);
        Assert.Equal(Deliveries, result.Uirets);
        if (variant != "plain")
        {
            Assert.Equal(Deliveries / 2, result.DeliveriesA);
            Assert.Equal(Deliveries / 2, result.DeliveriesB);
        }

        Assert.InRange(result.HandlersRun, 2, Deliveries);
        Assert.True(result.Chunks > 0);
        Assert.Equal(0, result.WrongChunks);
        Assert.True(result.Gen0Collections > 0, "the collector thread forced collections");
    }
}

/// <summary>One emulated platform for the test process (the signal handlers are process-wide anyway).</summary>
internal static class EmulatedTestPlatform
{
    private static readonly Lazy<UintrPlatform> s_instance = new(() => UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated }));

    public static UintrPlatform Instance => s_instance.Value;
}
