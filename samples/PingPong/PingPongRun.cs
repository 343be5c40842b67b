using System;
using Uintr;

namespace PingPong;

/// <summary>
/// Two threads bounce one user interrupt back and forth: ping sends vector 2 to pong, whose handler answers with
/// vector 1. Ping timestamps each round trip with the platform's clock (simulated cycles on the simulator).
/// </summary>
internal sealed class PingPongRun
{
    private readonly UintrPlatform _platform;
    private readonly int _warmup;
    private readonly int _iterations;
    private UintrFd? _pingFd;
    private UintrFd? _pongFd;

    private readonly Action<int>? _progress;

    /// <param name="platform">Where the rally runs.</param>
    /// <param name="warmup">Round trips run first and not recorded.</param>
    /// <param name="iterations">Round trips recorded.</param>
    /// <param name="progress">Told the number of round trips done now and then (it costs no simulated time).</param>
    public PingPongRun(UintrPlatform platform, int warmup, int iterations, Action<int>? progress = null)
    {
        _progress = progress;
        _platform = platform;
        _warmup = warmup;
        _iterations = iterations;
    }

    /// <summary>Runs the rally and returns each measured round trip in timestamp ticks.</summary>
    public long[] Run()
    {
        Rally.Reset();
        var roundTrips = new long[_iterations];
        var pong = _platform.StartThread("pong", Pong);
        var ping = _platform.StartThread("ping", () => Ping(roundTrips));
        ping.Join();
        pong.Join();
        return roundTrips;
    }

    private void Pong()
    {
        using var receiver = PongSide.RegisterUserInterrupts(_platform);
        _pongFd = receiver.GetFd(2);
        _platform.SpinUntil(() => _pingFd is not null);
        using var reply = _platform.RegisterSender(_pingFd!);
        Rally.Reply = reply;
        while (!Rally.Stop)
        {
            receiver.Wait(UintrWaitMode.Spin);
        }

        Rally.Reply = null;
    }

    private void Ping(long[] roundTrips)
    {
        using var receiver = PingSide.RegisterUserInterrupts(_platform);
        _pingFd = receiver.GetFd(1);
        _platform.SpinUntil(() => _pongFd is not null && Rally.Reply is not null);
        using var serve = _platform.RegisterSender(_pongFd!);
        for (int i = -_warmup; i < _iterations; i++)
        {
            long start = _platform.GetTimestamp();
            serve.Send();
            receiver.Wait(UintrWaitMode.Spin);
            long elapsed = _platform.GetTimestamp() - start;
            if (i >= 0)
            {
                roundTrips[i] = elapsed;
            }

            if ((i & 1023) == 0)
            {
                _progress?.Invoke(i + _warmup);
            }
        }

        // One last serve wakes pong so it sees Stop; its reply is collected before ping unregisters.
        Rally.Stop = true;
        serve.Send();
        receiver.Wait(UintrWaitMode.Spin);
    }
}
