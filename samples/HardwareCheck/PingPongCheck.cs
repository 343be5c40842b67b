using System;
using System.Threading;
using Uintr;

namespace HardwareCheck;

/// <summary>Two threads bounce a user interrupt back and forth; the ping side times each round trip.</summary>
internal static class PingPongCheck
{
    private const int RoundTrips = 100_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static UintrFd? s_pingFd;
    private static UintrFd? s_pongFd;

    public static LatencyReport Run(UintrPlatform platform)
    {
        var samples = new long[RoundTrips];
        var pong = platform.StartThread("pong", () => RunPong(platform));
        var ping = platform.StartThread("ping", () => RunPing(platform, samples));
        ping.Join();
        pong.Join();
        return new LatencyReport(samples, platform.TimestampFrequency);
    }

    private static void RunPing(UintrPlatform platform, long[] samples)
    {
        using var receiver = PingReceiver.RegisterUserInterrupts(platform);
        Volatile.Write(ref s_pingFd, receiver.GetFd(PingReceiver.Vector).Duplicate());
        using var pongFd = AwaitFd(platform, () => Volatile.Read(ref s_pongFd));
        using var sender = platform.RegisterSender(pongFd);
        for (int i = 0; i < samples.Length; i++)
        {
            long start = platform.GetTimestamp();
            sender.Send();
            if (receiver.Wait(UintrWaitMode.Spin, s_timeout) == 0)
            {
                throw new TimeoutException($"pong {i} did not come back within {s_timeout.TotalSeconds} s");
            }

            samples[i] = platform.GetTimestamp() - start;
        }
    }

    private static void RunPong(UintrPlatform platform)
    {
        using var receiver = PongReceiver.RegisterUserInterrupts(platform);
        Volatile.Write(ref s_pongFd, receiver.GetFd(PongReceiver.Vector).Duplicate());
        using var pingFd = AwaitFd(platform, () => Volatile.Read(ref s_pingFd));
        using var sender = platform.RegisterSender(pingFd);
        for (int i = 0; i < RoundTrips; i++)
        {
            if (receiver.Wait(UintrWaitMode.Spin, s_timeout) == 0)
            {
                throw new TimeoutException($"ping {i} did not arrive within {s_timeout.TotalSeconds} s");
            }

            sender.Send();
        }
    }

    private static UintrFd AwaitFd(UintrPlatform platform, Func<UintrFd?> published)
    {
        if (!platform.SpinUntil(() => published() is not null, s_timeout))
        {
            throw new TimeoutException("the other thread did not publish its uintr fd");
        }

        return published()!;
    }
}
