using System.Linq;

namespace Uintr.Runtime.Tests.Simulation;

public class DeterminismTests
{
    /// <summary>A ping-pong between two simulated threads; returns the trace text and the measured round trips.</summary>
    internal static (string Trace, long[] RoundTrips) RunPingPong(int seed, double jitter, int iterations = 20)
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Seed = seed, TimingJitter = jitter, RecordTrace = true });
        var ping = new TestReceiver(1);
        var pong = new TestReceiver(2);
        UintrFd? pingFd = null, pongFd = null;
        UintrSender? reply = null;
        var roundTrips = new long[iterations];
        bool stop = false;
        pong.OnHandled = _ => reply!.Send();

        var pongThread = sim.StartThread("pong", () =>
        {
            using var r = pong.Register(sim);
            pongFd = r.GetFd(2);
            sim.SpinUntil(() => pingFd is not null);
            using var s = sim.RegisterSender(pingFd!);
            reply = s;
            while (!stop)
            {
                r.Wait(UintrWaitMode.Spin, System.TimeSpan.FromMilliseconds(1));
            }
        });
        var pingThread = sim.StartThread("ping", () =>
        {
            using var r = ping.Register(sim);
            pingFd = r.GetFd(1);
            sim.SpinUntil(() => pongFd is not null && reply is not null);
            using var s = sim.RegisterSender(pongFd!);
            for (int i = 0; i < iterations; i++)
            {
                long t0 = sim.GetTimestamp();
                s.Send();
                r.Wait(UintrWaitMode.Spin);
                roundTrips[i] = sim.GetTimestamp() - t0;
            }

            stop = true;
        });
        pingThread.Join();
        pongThread.Join();
        return (string.Join("\n", sim.Trace.Select(e => e.ToString())), roundTrips);
    }

    [Fact]
    public void The_same_seed_gives_a_byte_identical_trace()
    {
        var first = RunPingPong(seed: 7, jitter: 0.03);
        var second = RunPingPong(seed: 7, jitter: 0.03);

        Assert.NotEmpty(first.Trace);
        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.RoundTrips, second.RoundTrips);
    }

    [Fact]
    public void A_different_seed_with_jitter_gives_a_different_trace()
    {
        var first = RunPingPong(seed: 7, jitter: 0.03);
        var other = RunPingPong(seed: 8, jitter: 0.03);

        Assert.NotEqual(first.Trace, other.Trace);
    }

    [Fact]
    public void Round_trips_are_two_one_way_latencies_plus_dispatch_and_the_reply()
    {
        var (_, roundTrips) = RunPingPong(seed: 1, jitter: 0);

        // Without jitter every steady-state round trip is identical, and at least twice SENDUIPI-to-handler (2 x 1360).
        var steady = roundTrips.Skip(2).Distinct().ToArray();
        Assert.Single(steady);
        Assert.InRange(steady[0], 2 * 1360, 2 * 1360 + 1500);
    }
}
