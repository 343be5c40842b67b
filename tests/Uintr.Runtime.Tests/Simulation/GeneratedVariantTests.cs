using System;
using System.Globalization;
using System.Linq;
using Uintr.CompilerServices;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Hosting;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The trampoline variants chosen with <c>[UserInterruptReceiver]</c>, emitted by the real generator and executed on the
/// simulated core; the machine checks at every delivery that UIRET restores the interrupted context exactly.
/// </summary>
[Collection(nameof(GeneratedReceiverTests))]
public class GeneratedVariantTests
{
    [Fact]
    public void Each_receiver_gets_the_trampoline_features_its_attribute_asks_for()
    {
        Assert.Equal(TrampolineFeatures.DeliveryCounters, FeaturesOf(CountingBell.RegisterUserInterrupts));
        Assert.Equal(TrampolineFeatures.WakeWaiter, FeaturesOf(WakingBell.RegisterUserInterrupts));
        Assert.Equal(TrampolineFeatures.EndBranch, FeaturesOf(EndBranchBell.RegisterUserInterrupts));
        Assert.Equal(TrampolineFeatures.None, FeaturesOf(ReadmeDoorbell.RegisterUserInterrupts));
    }

    [Fact]
    public void Delivery_counters_count_every_delivery_while_the_handler_runs_once()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Seed = 7 });
        var random = new Random(99);
        CountingBell.Rings = 0;
        sim.StartThread("receiver", () =>
        {
            using var receiver = CountingBell.RegisterUserInterrupts(sim);
            using var sender = sim.RegisterSender(receiver.GetFd(3));
            var registers = sim.Host.Current().Core.Cpu.Registers;
            for (int i = 0; i < 3; i++)
            {
                registers.Randomize(random);
                registers.Rsp = (registers.Rsp & ~0xFFFUL) | 0x800;
                sender.Send();

                // Let the delivery happen without a safe point: the bit stays set, the counter climbs.
                sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            }

            Assert.Equal(3, receiver.GetDeliveryCount(3));
            Assert.Equal(0, receiver.GetDeliveryCount(9));
            Assert.Equal(1, receiver.Poll());
            Assert.Equal(3, receiver.GetDeliveryCount(3));
            Assert.Throws<ArgumentOutOfRangeException>(() => receiver.GetDeliveryCount(64));
        }).Join();

        Assert.Equal(1, CountingBell.Rings);
        Assert.Equal(3, sim.Statistics.Deliveries);
    }

    [Fact]
    public void A_receiver_without_counters_says_which_attribute_it_needs()
    {
        var sim = UintrPlatform.Simulator();
        sim.StartThread("receiver", () =>
        {
            using var receiver = ReadmeDoorbell.RegisterUserInterrupts(sim);
            var counts = Assert.Throws<InvalidOperationException>(() => receiver.GetDeliveryCount(3));
            Assert.Contains("CountDeliveries = true", counts.Message, StringComparison.Ordinal);
            var wait = Assert.Throws<InvalidOperationException>(() => receiver.WaitForDelivery());
            Assert.Contains("WakeWaiter = true", wait.Message, StringComparison.Ordinal);
        }).Join();
    }

    [Fact]
    public void The_trampoline_futex_wakes_a_thread_blocked_on_the_waiter_word()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Cores = 3, RecordTrace = true, Seed = 3 });
        WakingBell.Rings = 0;
        UintrReceiver? shared = null;
        bool woke = false;
        long sentAt = 0, wokeAt = 0;
        var receiverThread = sim.StartThread("receiver", () =>
        {
            using var receiver = WakingBell.RegisterUserInterrupts(sim);
            var self = Assert.Throws<InvalidOperationException>(() => receiver.WaitForDelivery());
            Assert.Contains("use Wait there", self.Message, StringComparison.Ordinal);
            sim.Host.Current().Core.Cpu.Registers.Randomize(new Random(5));
            shared = receiver;
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Spin));

            // The waiter reads the receiver's word: keep the receiver registered until it returned.
            sim.SpinUntil(() => woke);
        });

        sim.SpinUntil(() => shared is not null);
        var waiter = sim.StartThread("waiter", () =>
        {
            woke = shared!.WaitForDelivery();
            wokeAt = sim.GetTimestamp();
        });

        // Long enough for the waiter to be asleep in FUTEX_WAIT before the interrupt.
        sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20));
        using (var sender = sim.RegisterSender(shared!.GetFd(5)))
        {
            sentAt = sim.GetTimestamp();
            sender.Send();
            waiter.Join();
        }

        receiverThread.Join();
        Assert.True(woke);
        Assert.Equal(1, WakingBell.Rings);
        Assert.True(wokeAt > sentAt);
        Assert.Contains(sim.Trace, e => e.Thread == "waiter" && e.Detail == "futex_wait blocks");
        var wake = Assert.Single(sim.Trace, e => e.Detail.StartsWith("futex(", StringComparison.Ordinal));
        Assert.Equal("receiver", wake.Thread);
        Assert.EndsWith("FUTEX_WAKE, 1) = 1", wake.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForDelivery_times_out_without_a_delivery_and_returns_at_once_after_one()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Cores = 2 });
        WakingBell.Rings = 0;
        UintrReceiver? shared = null;
        bool? first = null, second = null;
        bool done = false;
        var receiverThread = sim.StartThread("receiver", () =>
        {
            using var receiver = WakingBell.RegisterUserInterrupts(sim);
            using var self = sim.RegisterSender(receiver.GetFd(5));
            shared = receiver;
            sim.SpinUntil(() => first is not null);

            // Nobody sleeps now: the trampoline's FUTEX_WAKE wakes no one, the word stays set for the next waiter.
            self.Send();
            receiver.Wait(UintrWaitMode.Spin);
            sim.SpinUntil(() => done);
        });

        sim.SpinUntil(() => shared is not null);
        long start = sim.GetTimestamp();
        first = shared!.WaitForDelivery(TimeSpan.FromMicroseconds(10));
        long waited = sim.GetTimestamp() - start;
        sim.SpinUntil(() => WakingBell.Rings > 0, TimeSpan.FromMicroseconds(50));
        second = shared.WaitForDelivery(TimeSpan.FromMicroseconds(10));
        done = true;
        receiverThread.Join();

        Assert.False(first);
        Assert.InRange(waited, sim.TimestampFrequency / 100_000, sim.TimestampFrequency / 50_000);
        Assert.True(second);
    }

    [Fact]
    public void Disposing_the_receiver_releases_its_waiters()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Cores = 2 });
        UintrReceiver? shared = null;
        bool? woke = null;
        var receiverThread = sim.StartThread("receiver", () =>
        {
            using var receiver = WakingBell.RegisterUserInterrupts(sim);
            shared = receiver;
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20));
        });

        sim.SpinUntil(() => shared is not null);
        woke = shared!.WaitForDelivery();
        receiverThread.Join();

        Assert.False(woke);
    }

    [Fact]
    public void On_uintr_next_the_frame_lands_on_the_alternate_stack()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, RecordTrace = true, Seed = 11 });
        AltStackBell.Rings = 0;
        ulong stackBase = 0;
        sim.StartThread("receiver", () =>
        {
            using var receiver = AltStackBell.RegisterUserInterrupts(sim);
            stackBase = ((SimulatedReceiver)receiver).AlternateStackBase;
            using var sender = sim.RegisterSender(receiver.GetFd(1));
            sender.Send();
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Spin));
        }).Join();

        // STACKADJUST = top | 1: RSP = top (16-byte aligned), then the CPU pushes old RSP, RFLAGS, RIP and the vector.
        ulong top = (stackBase + SimulatedReceiver.AlternateStackSize) & ~0xFUL;
        Assert.NotEqual(0UL, stackBase);
        Assert.Equal(1, AltStackBell.Rings);
        Assert.Equal(top - 32, DeliveryRsp(sim));
        Assert.Contains(sim.Trace, e => e.Detail.StartsWith("uintr_alt_stack = 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_option_the_frame_skips_the_red_zone_of_the_interrupted_stack()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, RecordTrace = true });
        ulong interruptedRsp = 0;
        sim.StartThread("receiver", () =>
        {
            using var receiver = ReadmeDoorbell.RegisterUserInterrupts(sim);
            using var sender = sim.RegisterSender(receiver.GetFd(3));
            interruptedRsp = sim.Host.Current().Core.Cpu.Registers.Rsp;
            sender.Send();
            receiver.Wait(UintrWaitMode.Spin);
        }).Join();

        Assert.Equal(((interruptedRsp - 128) & ~0xFUL) - 32, DeliveryRsp(sim));
    }

    [Fact]
    public void On_rfc_v1_an_alternate_stack_receiver_is_refused_naming_the_abi()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1, RecordTrace = true });
        sim.StartThread("receiver", () =>
        {
            var refused = Assert.Throws<NotSupportedException>(() => AltStackBell.RegisterUserInterrupts(sim));
            Assert.Contains("RfcV1", refused.Message, StringComparison.Ordinal);
            Assert.Contains("KernelAbi.UintrNext", refused.Message, StringComparison.Ordinal);

            // Refused before any system call: the thread can still register another receiver.
            using var receiver = ReadmeDoorbell.RegisterUserInterrupts(sim);
        }).Join();

        Assert.DoesNotContain(sim.Trace, e => e.Detail.StartsWith("uintr_alt_stack", StringComparison.Ordinal));
    }

    [Fact]
    public void The_endbranch_trampoline_starts_with_endbr64_and_runs()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        EndBranchBell.Rings = 0;
        byte[] entry = new byte[4];
        sim.StartThread("receiver", () =>
        {
            using var receiver = EndBranchBell.RegisterUserInterrupts(sim);
            sim.Machine.Memory.Read(((SimulatedReceiver)receiver).TrampolineAddress, entry);
            using var sender = sim.RegisterSender(receiver.GetFd(60));
            sender.Send();
            receiver.Wait(UintrWaitMode.Spin);
        }).Join();

        Assert.Equal(new byte[] { 0xF3, 0x0F, 0x1E, 0xFA }, entry);
        Assert.Equal(60, EndBranchBell.Rings);

        // One instruction more than the default trampoline's nine.
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Uiret && e.Detail.StartsWith("10 instructions", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_option_at_once_counts_wakes_and_delivers_on_the_alternate_stack()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, Cores = 2, RecordTrace = true, Seed = 5 });
        EveryOptionBell.Rings = 0;
        UintrReceiver? shared = null;
        bool woke = false;
        ulong stackBase = 0;
        var receiverThread = sim.StartThread("receiver", () =>
        {
            using var receiver = EveryOptionBell.RegisterUserInterrupts(sim);
            stackBase = ((SimulatedReceiver)receiver).AlternateStackBase;
            using var s0 = sim.RegisterSender(receiver.GetFd(0));
            using var s63 = sim.RegisterSender(receiver.GetFd(63));
            shared = receiver;
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20));
            s0.Send();
            s63.Send();
            s63.Send();
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20));
            Assert.Equal(2, receiver.Poll());
            Assert.Equal(1, receiver.GetDeliveryCount(0));
            Assert.Equal(2, receiver.GetDeliveryCount(63));
            sim.SpinUntil(() => woke);
        });

        sim.SpinUntil(() => shared is not null);
        woke = shared!.WaitForDelivery();
        receiverThread.Join();

        Assert.True(woke);
        Assert.Equal(2, EveryOptionBell.Rings);
        ulong top = (stackBase + SimulatedReceiver.AlternateStackSize) & ~0xFUL;
        Assert.All(sim.Trace.Where(e => e.Kind == SimulationEventKind.Delivery), e => Assert.Equal(top - 32, ParseRsp(e.Detail)));
    }

    [Fact]
    public void The_every_option_trampoline_preserves_300_random_interrupted_contexts()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, Seed = 17 });
        var random = new Random(4321);
        EveryOptionBell.Rings = 0;
        int high = 0;
        sim.StartThread("receiver", () =>
        {
            using var receiver = EveryOptionBell.RegisterUserInterrupts(sim);
            using var s0 = sim.RegisterSender(receiver.GetFd(0));
            using var s63 = sim.RegisterSender(receiver.GetFd(63));
            var registers = sim.Host.Current().Core.Cpu.Registers;
            for (int i = 0; i < 300; i++)
            {
                // Random GPRs (RCX and R11 included, which SYSCALL overwrites), flags and stack depth.
                registers.Randomize(random);
                registers.Rsp = (registers.Rsp & ~0xFFFUL) | ((ulong)random.Next(0x100, 0x1000) & ~7UL);
                registers.Rflags = RegisterFile.RflagsFixedBits | Rflags.IF | ((ulong)random.Next() & Rflags.Status);
                var before = registers.Clone();
                bool toHigh = random.Next(2) == 0;
                high += toHigh ? 1 : 0;
                (toHigh ? s63 : s0).Send();
                Assert.Equal(1, receiver.Wait(UintrWaitMode.Spin));
                Assert.True(registers.Equals(before), registers.DescribeDifferences(before));
            }

            Assert.Equal(high, receiver.GetDeliveryCount(63));
            Assert.Equal(300 - high, receiver.GetDeliveryCount(0));
        }).Join();

        Assert.Equal(300, EveryOptionBell.Rings);
        Assert.Equal(300, sim.Statistics.Deliveries);
    }

    private static TrampolineFeatures FeaturesOf(Func<UintrPlatform, UintrReceiver> register)
    {
        var sim = UintrPlatform.Simulator();
        var features = TrampolineFeatures.None;
        sim.StartThread("receiver", () =>
        {
            using var receiver = register(sim);
            features = ((SimulatedReceiver)receiver).Features;
        }).Join();
        return features;
    }

    private static ulong DeliveryRsp(UintrSimulator sim) =>
        ParseRsp(Assert.Single(sim.Trace, e => e.Kind == SimulationEventKind.Delivery).Detail);

    private static ulong ParseRsp(string detail)
    {
        string hex = detail[(detail.LastIndexOf("RSP 0x", StringComparison.Ordinal) + "RSP 0x".Length)..];
        return ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
