using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace PingPong.Measured;

/// <summary>
/// The ping-pong of intel/uintr-ipc-bench on this machine: two threads, one message of size 1 each way, a warm-up,
/// then N round trips timed one by one with Stopwatch on the ping side. The threads are not pinned (the machine may
/// be shared), so a round trip can include scheduling delays; the table shows the median next to the mean.
/// </summary>
internal sealed class MeasuredPingPong
{
    private static readonly TimeSpan s_joinTimeout = TimeSpan.FromSeconds(30);

    private readonly int _warmup;
    private readonly int _iterations;
    private readonly TimeSpan _budget;

    /// <param name="warmup">Round trips run first and not recorded.</param>
    /// <param name="iterations">Round trips recorded.</param>
    /// <param name="budget">Wall-clock limit of the recorded part; the run stops early when it is spent.</param>
    public MeasuredPingPong(int warmup, int iterations, TimeSpan budget)
    {
        _warmup = warmup;
        _iterations = iterations;
        _budget = budget;
    }

    /// <summary>Runs the ping-pong over <paramref name="channel"/>; <paramref name="progress"/> gets the recorded count now and then.</summary>
    public MeasuredResult Run(Mechanism mechanism, MeasuredChannel channel, Action<int>? progress = null)
    {
        var roundTripNs = new double[_iterations];
        int recorded = 0;
        bool stop = false;
        Exception? failure = null;
        using var ready = new Barrier(2);

        void Guard(Side side, Action body)
        {
            try
            {
                channel.EnterThread(side);
                ready.SignalAndWait();
                body();
                channel.LeaveThread(side);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        var pong = new Thread(() => Guard(Side.Pong, () =>
        {
            while (true)
            {
                channel.Receive(Side.Pong);
                bool last = Volatile.Read(ref stop);
                channel.Send(Side.Ping);
                if (last)
                {
                    return;
                }
            }
        }))
        { IsBackground = true, Name = "pong" };

        var ping = new Thread(() => Guard(Side.Ping, () =>
        {
            double nsPerTick = 1e9 / Stopwatch.Frequency;
            long budgetEnd = 0;
            for (int i = -_warmup; i < _iterations; i++)
            {
                if (i == 0)
                {
                    budgetEnd = Stopwatch.GetTimestamp() + (long)(_budget.TotalSeconds * Stopwatch.Frequency);
                }
                else if (i > 0 && (i & 255) == 0)
                {
                    progress?.Invoke(i);
                    if (Stopwatch.GetTimestamp() > budgetEnd)
                    {
                        break;
                    }
                }

                long start = Stopwatch.GetTimestamp();
                channel.Send(Side.Pong);
                channel.Receive(Side.Ping);
                long elapsed = Stopwatch.GetTimestamp() - start;
                if (i >= 0)
                {
                    roundTripNs[recorded++] = elapsed * nsPerTick;
                }
            }

            // The last message tells pong to stop; its reply is taken before ping leaves.
            Volatile.Write(ref stop, true);
            channel.Send(Side.Pong);
            channel.Receive(Side.Ping);
        }))
        { IsBackground = true, Name = "ping" };

        pong.Start();
        ping.Start();
        bool finished = ping.Join(s_joinTimeout);
        // After a failure pong may be blocked for good (background thread); do not wait long for it.
        finished &= pong.Join(Volatile.Read(ref failure) is null ? s_joinTimeout : TimeSpan.FromSeconds(1));
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        if (!finished)
        {
            throw new TimeoutException($"{channel.Name}: the ping-pong did not finish within {s_joinTimeout.TotalSeconds} s");
        }

        progress?.Invoke(recorded);
        return new MeasuredResult(mechanism, channel.Name, roundTripNs[..recorded], stoppedEarly: recorded < _iterations);
    }
}
