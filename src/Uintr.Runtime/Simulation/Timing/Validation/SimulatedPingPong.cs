using System;
using System.Linq;
using Uintr.CompilerServices;
using Uintr.Simulation.Hosting;

namespace Uintr.Simulation.Timing.Validation;

/// <summary>
/// A user-IPI ping-pong between two simulated threads, both spinning (Wait(Spin)) or both blocked in uintr_wait
/// (Wait(Block), the protocol of intel/uintr-ipc-bench's uintrfd-bi-wait): "ping" sends and waits for the reply;
/// "pong"'s handler replies. The receivers are built by hand the way the generator builds them, with the
/// default pending-bit trampoline, so the run exercises the whole simulated path.
/// </summary>
internal static class SimulatedPingPong
{
    private const int PingVector = 1;
    private const int PongVector = 2;

    /// <summary>Runs <paramref name="iterations"/> round trips on a fresh simulator and measures the last ones.</summary>
    /// <param name="iterations">Round trips in total.</param>
    /// <param name="warmup">Leading round trips left out of the round-trip figures (registration and first-touch effects).</param>
    /// <param name="options">Simulator options; <see langword="null"/> for the defaults without jitter.</param>
    /// <param name="mode">How both sides wait for the other's interrupt.</param>
    public static PingPongMeasurement Run(int iterations = 64, int warmup = 4, SimulatorOptions? options = null, UintrWaitMode mode = UintrWaitMode.Spin)
    {
        if (iterations <= warmup || warmup < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "Need more iterations than warm-up round trips.");
        }

        var sim = UintrPlatform.Simulator(options ?? new SimulatorOptions { TimingJitter = 0 });
        var roundTrips = new long[iterations];
        UintrFd? pingFd = null, pongFd = null;
        UintrSender? reply = null;
        bool stop = false;

        var pingDefinition = Definition("Uintr.Validation.Ping", PingVector, _ => { });
        var pongDefinition = Definition("Uintr.Validation.Pong", PongVector, _ => reply!.Send());

        var pong = sim.StartThread("pong", () =>
        {
            using var receiver = UserInterruptRegistration.Register(sim, pongDefinition);
            pongFd = receiver.GetFd(PongVector);
            sim.SpinUntil(() => pingFd is not null);
            using var sender = sim.RegisterSender(pingFd!);
            reply = sender;
            while (!stop)
            {
                receiver.Wait(mode, TimeSpan.FromMilliseconds(1));
            }
        });

        var ping = sim.StartThread("ping", () =>
        {
            using var receiver = UserInterruptRegistration.Register(sim, pingDefinition);
            pingFd = receiver.GetFd(PingVector);
            sim.SpinUntil(() => pongFd is not null && reply is not null);
            using var sender = sim.RegisterSender(pongFd!);
            for (int i = 0; i < iterations; i++)
            {
                long start = sim.GetTimestamp();
                sender.Send();
                receiver.Wait(mode);
                roundTrips[i] = sim.GetTimestamp() - start;
            }

            stop = true;
        });

        ping.Join();
        pong.Join();

        var steady = roundTrips.Skip(warmup).ToArray();
        var stats = sim.Statistics;
        return new PingPongMeasurement(steady.Average(), steady.Min(), steady.Max(), stats.HardwareLatency.Mean, stats.Deliveries, sim.Machine.Timing);
    }

    private static UserInterruptReceiverDefinition Definition(string name, int vector, Action<int> dispatch) =>
        new(name,
            1UL << vector,
            DefaultTrampoline.Image,
            dispatch);
}
