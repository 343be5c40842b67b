using System;
using Uintr;

namespace HardwareCheck;

/// <summary>SENDUIPI to a vector of the sending thread itself: delivery happens at the next instruction boundary.</summary>
internal static class SelfIpiCheck
{
    private const int Iterations = 10_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static LatencyReport Run(UintrPlatform platform)
    {
        using var receiver = SelfDoorbell.RegisterUserInterrupts(platform);
        using var sender = platform.RegisterSender(receiver.GetFd(SelfDoorbell.Vector));
        var samples = new long[Iterations];
        for (int i = 0; i < Iterations; i++)
        {
            long start = platform.GetTimestamp();
            sender.Send();
            if (receiver.Wait(UintrWaitMode.Spin, s_timeout) == 0)
            {
                throw new TimeoutException($"self-IPI {i} was not delivered within {s_timeout.TotalSeconds} s");
            }

            samples[i] = platform.GetTimestamp() - start;
        }

        if (SelfDoorbell.Rings != Iterations)
        {
            throw new InvalidOperationException($"expected {Iterations} handler runs, saw {SelfDoorbell.Rings}");
        }

        return new LatencyReport(samples, platform.TimestampFrequency);
    }
}
