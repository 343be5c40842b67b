using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Uintr.CompilerServices;
using Uintr.Runtime.Tests.Hardware;

namespace Uintr.Runtime.Tests;

/// <summary>
/// Errors a first user meets name what they know: the public type, the parameter they passed, the thread that owns a
/// sender; and each says the signal Linux would deliver once. Both backends (the hardware one on a recording kernel).
/// </summary>
public class FirstUseErrorMessageTests
{
    public static TheoryData<string> Backends => new() { "simulator", "hardware" };

    internal static UintrPlatform Create(string backend) => backend switch
    {
        "simulator" => UintrPlatform.Simulator(),
        "emulated" => Emulation.EmulatedTestPlatform.Instance,
        _ => TestReceivers.Platform().Platform,
    };

    private static UserInterruptReceiverDefinition Definition(ulong vectors) =>
        new("Tests.FirstUse", vectors, global::Uintr.Simulation.Hosting.DefaultTrampoline.Image, _ => { });

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_disposed_object_is_named_by_its_public_type(string backend)
    {
        var platform = Create(backend);
        platform.StartThread("disposer", () =>
        {
            var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 5));
            var fd = receiver.GetFd(5).Duplicate();
            var sender = platform.RegisterSender(fd);
            sender.Dispose();
            fd.Dispose();
            receiver.Dispose();

            Assert.Equal("Uintr.UintrSender", Assert.Throws<ObjectDisposedException>(() => sender.Send()).ObjectName);
            Assert.Equal("Uintr.UintrReceiver", Assert.Throws<ObjectDisposedException>(() => receiver.Poll()).ObjectName);
            Assert.Equal("Uintr.UintrFd", Assert.Throws<ObjectDisposedException>(() => fd.Duplicate()).ObjectName);
        }).Join();
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_negative_timeout_names_the_timeout_parameter(string backend)
    {
        var platform = Create(backend);
        platform.StartThread("waiter", () =>
        {
            using var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 3));

            Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromTicks(-1))).ParamName);
            Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait(UintrWaitMode.Block, TimeSpan.FromTicks(-1))).ParamName);
            Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => platform.SpinUntil(() => false, TimeSpan.FromTicks(-1))).ParamName);
        }).Join();
    }

    [Theory]
    [InlineData("simulator")]
    [InlineData("hardware")]
    public void A_send_from_a_thread_that_did_not_register_the_sender_names_the_owner_and_says_SIGILL_once(string backend)
    {
        // RFC v1: one UITT per thread, so the index means nothing on another thread (uintr-next shares it per process).
        UintrPlatform platform = backend == "simulator"
            ? UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1 })
            : TestReceivers.Platform(KernelAbi.RfcV1).Platform;
        UintrSender? sender = null;
        bool done = false;
        var owner = platform.StartThread("owner-thread", () =>
        {
            using var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 4));
            sender = platform.RegisterSender(receiver.GetFd(4));
            platform.SpinUntil(() => done, TimeSpan.FromSeconds(10));
            sender.Dispose();
        });
        Exception? error = null;
        platform.StartThread("intruder", () =>
        {
            platform.SpinUntil(() => sender is not null, TimeSpan.FromSeconds(10));
            error = Record.Exception(() => sender!.Send());
            done = true;
        }).Join();
        owner.Join();

        Assert.NotNull(error);
        Assert.Contains("'owner-thread'", error!.Message, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(error.Message, "SIGILL"));
    }
}

/// <summary>The same first-use errors on the emulated backend, in the emulated tests' collection (one process-wide platform).</summary>
[Collection(Emulation.EmulatedCollection.Name)]
public class EmulatedFirstUseErrorMessageTests
{
    [Fact]
    public void A_disposed_object_is_named_by_its_public_type() =>
        new FirstUseErrorMessageTests().A_disposed_object_is_named_by_its_public_type("emulated");

    [Fact]
    public void A_negative_timeout_names_the_timeout_parameter() =>
        new FirstUseErrorMessageTests().A_negative_timeout_names_the_timeout_parameter("emulated");
}

/// <summary>Options that would silently give another run's result are refused.</summary>
public class SimulatorSeedTests
{
    [Fact]
    public void A_negative_seed_is_refused_rather_than_repeating_its_absolute_value_s_trace()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorOptions { Seed = -1 });

        Assert.Contains("0 or more", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, new SimulatorOptions { Seed = 0 }.Seed);
        Assert.Equal(int.MaxValue, new SimulatorOptions { Seed = int.MaxValue }.Seed);
    }
}
