using System;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// SpinUntil is a spin on memory that other threads write: on a real machine the spinning core sees another core's store
/// a cache-line transfer later. On the simulator the spinning thread must see what other threads' managed code does in
/// simulated time, not only at its deadline.
/// </summary>
public class SpinUntilTests
{
    private const int RoundTrips = 20;

    [Fact]
    public void A_sender_spinning_on_a_counter_the_receiver_updates_by_polling_sees_each_update_promptly()
    {
        var (cyclesPerRoundTrip, allSeen) = Handshake(TimeSpan.FromMilliseconds(2));

        Assert.True(allSeen);

        // A round trip is a SENDUIPI, the delivery, a poll and the spinner's observation: a few thousand cycles, not the
        // 2 ms (4,000,000 cycles) time-out.
        Assert.InRange(cyclesPerRoundTrip, 1, 20_000);
    }

    [Fact]
    public void The_handshake_gives_the_same_simulated_times_on_every_run()
    {
        Assert.Equal(Handshake(TimeSpan.FromMilliseconds(2)), Handshake(TimeSpan.FromMilliseconds(2)));
    }

    [Fact]
    public void The_handshake_without_a_timeout_finishes()
    {
        var (cyclesPerRoundTrip, allSeen) = Handshake(timeout: null);

        Assert.True(allSeen);
        Assert.InRange(cyclesPerRoundTrip, 1, 20_000);
    }

    private static (long CyclesPerRoundTrip, bool AllSeen) Handshake(TimeSpan? timeout)
    {
        // The receiver polls every few cycles: if deliveries stopped, the default minute of simulated time would take hours
        // to run out. Twenty round trips take under 0.05 ms.
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = TimeSpan.FromMilliseconds(0.25) });
        var receiver = new TestReceiver(3);
        UintrFd? fd = null;
        int handled = 0;
        bool done = false;
        bool allSeen = true;
        long elapsed = 0;

        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            fd = r.GetFd(3);
            while (!done)
            {
                handled += r.Poll();
            }
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var s = sim.RegisterSender(fd!);
            long start = sim.GetTimestamp();
            for (int i = 1; i <= RoundTrips; i++)
            {
                s.Send();
                int expected = i;
                allSeen &= sim.SpinUntil(() => handled >= expected, timeout);
            }

            elapsed = sim.GetTimestamp() - start;
            done = true;
        });
        tx.Join();
        rx.Join();
        return (elapsed / RoundTrips, allSeen);
    }
}
