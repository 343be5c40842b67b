using System;
using System.Diagnostics;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Hardware;
using Uintr.Runtime.Tests.Simulation;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// Generated variant receivers on the hardware backend with a recording kernel: the counters and the waiter word are
/// linked into the trampoline, and the test plays the trampoline by writing them (the code is mapped, never run).
/// </summary>
[Collection(NativeMappingCollection.Name)]
public sealed unsafe class HardwareVariantTests
{
    [Fact]
    public void Counters_are_linked_and_read_per_vector()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Assert.IsType<HardwareReceiver>(CountingBell.RegisterUserInterrupts(platform));
        var patch = Assert.Single(receiver.Definition.Trampoline.Patches, p => p.Kind == TrampolinePatchKind.DeliveryCounterArrayAddress);

        Assert.Equal((ulong)receiver.State.Counters, *(ulong*)(receiver.TrampolineAddress + patch.Offset));
        receiver.State.Counters[9] = 4;
        Assert.Equal(4, receiver.GetDeliveryCount(9));
        Assert.Equal(0, receiver.GetDeliveryCount(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => receiver.GetDeliveryCount(-1));
    }

    [Fact]
    public void A_waiter_thread_returns_when_the_word_is_set_and_the_receiver_thread_is_refused()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Assert.IsType<HardwareReceiver>(WakingBell.RegisterUserInterrupts(platform));
        Assert.Throws<InvalidOperationException>(() => receiver.WaitForDelivery(TimeSpan.Zero));

        bool? woke = null;
        var waiter = new Thread(() => woke = receiver.WaitForDelivery(TimeSpan.FromSeconds(10)));
        waiter.Start();
        Thread.Sleep(30);
        Volatile.Write(ref *receiver.State.WaiterWord, 1u);
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));

        Assert.True(woke);
        Assert.Equal(0u, Volatile.Read(ref *receiver.State.WaiterWord));
    }

    [Fact]
    public void A_waiter_times_out_and_dispose_releases_a_waiter_without_timeout()
    {
        var (platform, _, _) = TestReceivers.Platform();
        var receiver = Assert.IsType<HardwareReceiver>(WakingBell.RegisterUserInterrupts(platform));
        bool? timedOut = null, released = null;
        var stopwatch = Stopwatch.StartNew();
        var first = new Thread(() => timedOut = receiver.WaitForDelivery(TimeSpan.FromMilliseconds(20)));
        first.Start();
        Assert.True(first.Join(TimeSpan.FromSeconds(10)));
        Assert.False(timedOut);
        Assert.True(stopwatch.ElapsedMilliseconds >= 15);

        var second = new Thread(() => released = receiver.WaitForDelivery());
        second.Start();
        Thread.Sleep(30);
        receiver.Dispose();
        Assert.True(second.Join(TimeSpan.FromSeconds(10)));
        Assert.False(released);
    }
}
