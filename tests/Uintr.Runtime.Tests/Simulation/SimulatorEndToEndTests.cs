using System;
using System.Linq;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Simulation;

public class SimulatorEndToEndTests
{
    [Fact]
    public void Self_IPI_is_delivered_to_the_trampoline_and_dispatched_at_Wait()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        var receiver = new TestReceiver(3);
        int ran = -1;

        var thread = sim.StartThread("receiver", () =>
        {
            using var r = receiver.Register(sim);
            using var sender = sim.RegisterSender(r.GetFd(3));
            sender.Send();
            ran = r.Wait(UintrWaitMode.Spin);
        });
        thread.Join();

        Assert.Equal(1, ran);
        Assert.Equal(new[] { 3 }, receiver.Handled);
        Assert.Equal(1, sim.Statistics.Deliveries);
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Delivery && e.Vector == 3);
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Uiret && e.Vector == 3);
    }

    [Fact]
    public void One_way_latency_to_the_trampoline_is_the_modelled_end_to_end_cost()
    {
        var sim = UintrPlatform.Simulator();
        var receiver = new TestReceiver(1);
        UintrFd? fd = null;
        bool done = false;

        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            fd = r.GetFd(1);
            for (int i = 0; i < 10; i++)
            {
                r.Wait(UintrWaitMode.Spin);
            }

            done = true;
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var sender = sim.RegisterSender(fd!);
            for (int i = 0; i < 10; i++)
            {
                int handled = receiver.Handled.Count;
                sender.Send();
                sim.SpinUntil(() => receiver.Handled.Count > handled);
            }

            sim.SpinUntil(() => done);
        });
        tx.Join();
        rx.Join();

        var timing = UintrTiming.SapphireRapids;
        Assert.Equal(10, sim.Statistics.HardwareLatency.Count);
        Assert.Equal(1360, timing.EndToEndCycles);
        Assert.Equal(timing.EndToEndCycles, sim.Statistics.HardwareLatency.Min);
        Assert.Equal(timing.EndToEndCycles, sim.Statistics.HardwareLatency.Max);
        Assert.True(sim.Statistics.DispatchLatency.Min > timing.EndToEndCycles);
    }

    [Fact]
    public void Masked_interrupts_wait_in_UIRR_and_are_delivered_highest_first_after_STUI()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        var receiver = new TestReceiver(3, 7, 40);

        sim.StartThread("receiver", () =>
        {
            using var r = receiver.Register(sim);
            var senders = new[] { 3, 40, 7 }.Select(v => sim.RegisterSender(r.GetFd(v))).ToList();
            UserInterrupts.Clui();
            Assert.False(UserInterrupts.Testui());
            foreach (var s in senders)
            {
                s.Send();
            }

            // Let the notification land while masked: nothing may be delivered.
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            Assert.Equal(0, sim.Statistics.Deliveries);
            Assert.Equal(0, r.Poll());

            UserInterrupts.Stui();
            Assert.True(UserInterrupts.Testui());
            Assert.Equal(3, r.Wait(UintrWaitMode.Spin));
            senders.ForEach(s => s.Dispose());
        }).Join();

        var deliveries = sim.Trace.Where(e => e.Kind == SimulationEventKind.Delivery).Select(e => e.Vector).ToArray();
        Assert.Equal(new[] { 40, 7, 3 }, deliveries);
        Assert.Equal(new[] { 40, 7, 3 }, receiver.Handled);
        long stuiCycle = sim.Trace.Last(e => e.Kind == SimulationEventKind.FlagChange && e.Detail.StartsWith("STUI", StringComparison.Ordinal)).Cycle;
        Assert.All(sim.Trace.Where(e => e.Kind == SimulationEventKind.Delivery), e => Assert.True(e.Cycle > stuiCycle));
    }

    [Fact]
    public void Mask_scope_restores_the_flag()
    {
        var sim = UintrPlatform.Simulator();
        sim.StartThread("t", () =>
        {
            using var r = new TestReceiver(1).Register(sim);
            Assert.True(UserInterrupts.Testui());
            using (UserInterrupts.Mask())
            {
                Assert.False(UserInterrupts.Testui());
                using (UserInterrupts.Mask())
                {
                    Assert.False(UserInterrupts.Testui());
                }

                Assert.False(UserInterrupts.Testui());
            }

            Assert.True(UserInterrupts.Testui());
        }).Join();
    }

    [Fact]
    public void Repeated_sends_before_delivery_coalesce()
    {
        var sim = UintrPlatform.Simulator();
        var receiver = new TestReceiver(9);
        sim.StartThread("t", () =>
        {
            using var r = receiver.Register(sim);
            using var sender = sim.RegisterSender(r.GetFd(9));
            using (UserInterrupts.Mask())
            {
                sender.Send();
                sender.Send();
                sender.Send();

                // Stay masked until every notification has landed, so all three posts meet in UIRR.
                sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            }

            r.Wait(UintrWaitMode.Spin);
            Assert.Equal(0, r.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(5)));
        }).Join();

        // Sends retire at +383, +766 and +1149 cycles. The first notification reaches the core at 383 + 377 = 760 and is
        // taken at the next boundary (766), clearing ON, so only the second send finds ON set; the third notifies again.
        // Both notifications land while masked; vector 9 is one bit in UIRR: a single delivery.
        Assert.Equal(3, sim.Statistics.Sends);
        Assert.Equal(1, sim.Statistics.SuppressedNotifications);
        Assert.Equal(2, sim.Statistics.Notifications);
        Assert.Equal(1, sim.Statistics.Deliveries);
        Assert.Equal(new[] { 9 }, receiver.Handled);
    }

    [Fact]
    public void Poll_and_Wait_refuse_another_thread()
    {
        var sim = UintrPlatform.Simulator();
        UintrReceiver? receiver = null;
        bool checkedIt = false;
        var owner = sim.StartThread("owner", () =>
        {
            using var r = new TestReceiver(2).Register(sim);
            receiver = r;
            sim.SpinUntil(() => checkedIt);
        });
        var other = sim.StartThread("other", () =>
        {
            sim.SpinUntil(() => receiver is not null);
            var error = Assert.Throws<InvalidOperationException>(() => receiver!.Poll());
            Assert.Contains("'owner'", error.Message);
            checkedIt = true;
        });
        other.Join();
        owner.Join();
    }

    [Fact]
    public void Wait_with_a_timeout_returns_0_after_that_much_simulated_time()
    {
        var sim = UintrPlatform.Simulator();
        sim.StartThread("t", () =>
        {
            using var r = new TestReceiver(2).Register(sim);
            long start = sim.GetTimestamp();
            Assert.Equal(0, r.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(10)));
            long elapsed = sim.GetTimestamp() - start;
            Assert.InRange(elapsed, 20_000, 21_000);
        }).Join();
    }

    [Fact]
    public void A_thread_that_waits_forever_is_reported_as_a_deadlock()
    {
        var sim = UintrPlatform.Simulator();
        var waiter = sim.StartThread("waiter", () =>
        {
            using var r = new TestReceiver(2).Register(sim);
            r.Wait(UintrWaitMode.Spin);
        });

        var error = Assert.Throws<InvalidOperationException>(waiter.Join);

        Assert.Contains("deadlock", error.Message);
        Assert.Contains("'waiter' waits in Wait(Spin)", error.Message);
    }

    [Fact]
    public void Exceptions_of_a_thread_body_surface_at_Join()
    {
        var sim = UintrPlatform.Simulator();
        var thread = sim.StartThread("thrower", () => throw new FormatException("boom"));

        Assert.Equal("boom", Assert.Throws<FormatException>(thread.Join).Message);
        Assert.True(thread.IsCompleted);
    }

    [Fact]
    public void More_threads_than_cores_is_refused_with_the_reason()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Cores = 2 });
        sim.StartThread("a", () => { });

        var error = Assert.Throws<NotSupportedException>(() => sim.StartThread("b", () => { }));

        Assert.Contains("All 2 simulated cores are taken", error.Message);
        Assert.Contains("SimulatorOptions.Cores", error.Message);
    }

    [Fact]
    public void Wait_Block_sleeps_in_uintr_wait_and_the_kernel_path_wakes_it()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true });
        var receiver = new TestReceiver(4);
        UintrFd? fd = null;
        bool sent = false;
        int ran = 0;
        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            fd = r.GetFd(4);
            ran = r.Wait(UintrWaitMode.Block);
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var s = sim.RegisterSender(fd!);
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(2));   // let rx block first
            s.Send();
            sent = true;
        });
        tx.Join();
        rx.Join();

        Assert.True(sent);
        Assert.Equal(1, ran);
        Assert.Equal(new[] { 4 }, receiver.Handled);
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Syscall && e.Detail == "uintr_wait blocks");
        Assert.Contains(sim.Trace, e => e.Kind == SimulationEventKind.Interrupt && e.Vector == 0xEB && e.Detail.Contains("kernel wakes rx"));

        // The kernel path (IPI to the kernel, wake-up, return to user) costs far more than a delivery to a running thread.
        Assert.True(sim.Statistics.HardwareLatency.Min > 3 * 1360, $"blocked latency {sim.Statistics.HardwareLatency.Min}");
    }

    [Fact]
    public void Wait_Block_with_a_timeout_returns_0()
    {
        var sim = UintrPlatform.Simulator();
        sim.StartThread("t", () =>
        {
            using var r = new TestReceiver(2).Register(sim);
            long start = sim.GetTimestamp();
            Assert.Equal(0, r.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(50)));
            Assert.InRange(sim.GetTimestamp() - start, 100_000, 110_000);
        }).Join();
    }
}
