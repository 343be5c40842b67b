using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Cli.Tracing;

/// <summary>The scenarios <c>uintr trace</c> knows.</summary>
internal static class TraceScenarios
{
    /// <summary>Round trips of the pingpong and blocked scenarios.</summary>
    public const int RoundTrips = 3;

    public static IReadOnlyList<TraceScenario> All { get; } = new TraceScenario[]
    {
        new("pingpong", $"{RoundTrips} round trips between two spinning threads (the PingPong sample's rally)", sim => Rally(sim, UintrWaitMode.Spin)),
        new("blocked", $"{RoundTrips} round trips with both threads blocked in uintr_wait (kernel wake-up and context switches)", sim => Rally(sim, UintrWaitMode.Block)),
        new("masked", "a user interrupt sent while the receiver has UIF = 0 (CLUI) is held until STUI", Masked),
    };

    public static TraceScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>Runs <paramref name="scenario"/> on a new simulator that records its trace, and returns the simulator.</summary>
    public static UintrSimulator Record(TraceScenario scenario, int seed = 1)
    {
        var simulator = UintrPlatform.Simulator(new SimulatorOptions { RecordTrace = true, Seed = seed });
        scenario.Run(simulator);
        return simulator;
    }

    private static void Rally(UintrSimulator sim, UintrWaitMode mode)
    {
        // Exactly RoundTrips serves and RoundTrips replies: each side counts the handlers it ran, so no extra
        // "stop" serve is needed and the picture shows as many round trips as the description says.
        UintrFd? pingFd = null, pongFd = null;
        bool replyReady = false;
        var pong = sim.StartThread("pong", () =>
        {
            using var receiver = TracePong.RegisterUserInterrupts(sim);
            pongFd = receiver.GetFd(2);
            sim.SpinUntil(() => pingFd is not null);
            using var reply = sim.RegisterSender(pingFd!);
            TracePong.Reply = reply;
            replyReady = true;
            for (int served = 0; served < RoundTrips;)
            {
                served += receiver.Wait(mode);
            }

            TracePong.Reply = null;
        });
        var ping = sim.StartThread("ping", () =>
        {
            using var receiver = TracePing.RegisterUserInterrupts(sim);
            pingFd = receiver.GetFd(1);
            sim.SpinUntil(() => pongFd is not null && replyReady);
            using var serve = sim.RegisterSender(pongFd!);
            for (int i = 0; i < RoundTrips; i++)
            {
                serve.Send();
                for (int returned = 0; returned == 0;)
                {
                    returned = receiver.Wait(mode);
                }
            }
        });
        ping.Join();
        pong.Join();
    }

    private static void Masked(UintrSimulator sim)
    {
        UintrFd? fd = null;
        bool sent = false;
        var receiverThread = sim.StartThread("receiver", () =>
        {
            using var receiver = TracePing.RegisterUserInterrupts(sim);
            UserInterrupts.Clui();
            fd = receiver.GetFd(1);
            sim.SpinUntil(() => sent);
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(2));   // masked: the interrupt stays pending in UIRR
            UserInterrupts.Stui();                                       // delivered right here
            receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromMilliseconds(1));
        });
        sim.StartThread("sender", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var sender = sim.RegisterSender(fd!);
            sender.Send();
            sent = true;
        }).Join();
        receiverThread.Join();
    }
}
