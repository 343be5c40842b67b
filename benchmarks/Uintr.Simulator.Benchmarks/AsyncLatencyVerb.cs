using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Spectre.Console;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// <c>async</c>: the extra latency of an awaited delivery (<see cref="UintrReceiverThread"/>) over a direct
/// <see cref="UintrReceiver.Wait"/>, on the simulator. A sender thread sends vector 3 every 20 us of simulated time; the
/// latency is from just before SENDUIPI to the first line of code that runs after the delivery: after <c>Wait</c>
/// returns (direct), after <c>await WaitForDeliveryAsync</c> in async code on the receiver thread, and on a third thread
/// that waits for the task with <c>SpinUntil</c>. Simulated latencies are deterministic (same seed, same cycles); the
/// host column is the wall-clock cost per delivery of simulating it, min and median of five runs, which shows what the
/// async machinery adds in real CPU time (the simulator does not charge cycles for managed code such as completing a
/// task).
/// </summary>
internal sealed class AsyncLatencyVerb : IVerb
{
    private const int Deliveries = 2_000;
    private static readonly TimeSpan Spacing = TimeSpan.FromMicroseconds(20);

    public string Name => "async";

    public string Summary => "extra latency of an awaited delivery over a direct Wait (simulator)";

    public int Run(string[] args)
    {
        var table = new Table().AddColumns("mode", "simulated latency min", "median", "p99", "host time per delivery min", "median");
        foreach (var (name, mode) in new (string, Func<(List<long> Cycles, long Frequency)>)[]
        {
            ("direct Wait(Block) on the receiver thread", RunDirect),
            ("await on the receiver thread (RunAsync)", RunAwaitOnReceiverThread),
            ("await from another thread (SpinUntil on the task)", RunAwaitFromAnotherThread),
        })
        {
            mode(); // warm-up: JIT and tiering
            var host = new List<double>();
            List<long> cycles = new();
            long frequency = 0;
            for (int run = 0; run < 5; run++)
            {
                var clock = Stopwatch.StartNew();
                (cycles, frequency) = mode();
                host.Add(clock.Elapsed.TotalMilliseconds * 1000 / Deliveries);
            }

            cycles.Sort();
            host.Sort();
            string Ns(long c) => string.Create(CultureInfo.InvariantCulture, $"{c * 1e9 / frequency:0} ns");
            table.AddRow(name, Ns(cycles[0]), Ns(cycles[cycles.Count / 2]), Ns(cycles[cycles.Count * 99 / 100]),
                string.Create(CultureInfo.InvariantCulture, $"{host[0]:0.0} us"), string.Create(CultureInfo.InvariantCulture, $"{host[2]:0.0} us"));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static (List<long>, long) RunDirect()
    {
        var platform = UintrPlatform.Simulator(new SimulatorOptions { Seed = 1 });
        var latencies = new List<long>(Deliveries);
        var sentAt = new long[1];
        bool ready = false;
        var receiverThread = platform.StartThread("receiver", () =>
        {
            using var receiver = LatencyDoorbell.RegisterUserInterrupts(platform);
            LatencyDoorbell.Fd = receiver.GetFd(3).Duplicate();
            ready = true;
            for (int i = 0; i < Deliveries; i++)
            {
                receiver.Wait(UintrWaitMode.Block);
                latencies.Add(platform.GetTimestamp() - sentAt[0]);
            }
        });
        platform.SpinUntil(() => ready);
        Send(platform, LatencyDoorbell.Fd!, sentAt);
        receiverThread.Join();
        LatencyDoorbell.Fd!.Dispose();
        return (latencies, platform.TimestampFrequency);
    }

    private static (List<long>, long) RunAwaitOnReceiverThread()
    {
        var platform = UintrPlatform.Simulator(new SimulatorOptions { Seed = 1 });
        var latencies = new List<long>(Deliveries);
        var sentAt = new long[1];
        using var thread = UintrReceiverThread.Start(platform, "receiver", LatencyDoorbell.RegisterUserInterrupts);
        bool listening = false;
        var work = thread.RunAsync(async () =>
        {
            for (int i = 0; i < Deliveries; i++)
            {
                var next = thread.WaitForDeliveryAsync(3);
                listening = true;
                await next;
                latencies.Add(platform.GetTimestamp() - sentAt[0]);
            }
        });
        platform.SpinUntil(() => listening);
        Send(platform, thread.GetFd(3), sentAt);
        platform.SpinUntil(() => work.IsCompleted);
        work.GetAwaiter().GetResult();
        return (latencies, platform.TimestampFrequency);
    }

    private static (List<long>, long) RunAwaitFromAnotherThread()
    {
        var platform = UintrPlatform.Simulator(new SimulatorOptions { Seed = 1 });
        var latencies = new List<long>(Deliveries);
        var sentAt = new long[1];
        using var thread = UintrReceiverThread.Start(platform, "receiver", LatencyDoorbell.RegisterUserInterrupts);
        Task<UintrDelivery>? next = thread.WaitForDeliveryAsync(3);
        var consumer = platform.StartThread("consumer", () =>
        {
            for (int i = 0; i < Deliveries; i++)
            {
                var current = next!;
                platform.SpinUntil(() => current.IsCompleted);
                latencies.Add(platform.GetTimestamp() - sentAt[0]);
                next = i + 1 < Deliveries ? thread.WaitForDeliveryAsync(3) : null;
            }
        });
        Send(platform, thread.GetFd(3), sentAt, () => next is null || !next.IsCompleted);
        consumer.Join();
        return (latencies, platform.TimestampFrequency);
    }

    /// <summary>Sends vector 3 <see cref="Deliveries"/> times, <see cref="Spacing"/> apart, recording each send time.</summary>
    private static void Send(UintrPlatform platform, UintrFd fd, long[] sentAt, Func<bool>? readyForNext = null)
    {
        using var sender = platform.RegisterSender(fd);
        for (int i = 0; i < Deliveries; i++)
        {
            platform.SpinUntil(() => false, Spacing);
            if (readyForNext is not null)
            {
                platform.SpinUntil(readyForNext);
            }

            sentAt[0] = platform.GetTimestamp();
            sender.Send();
        }
    }
}

/// <summary>The measured receiver: one handler on vector 3 that does nothing.</summary>
internal static partial class LatencyDoorbell
{
    /// <summary>A duplicate of the fd for the direct mode's sender (the receiver thread owns the original).</summary>
    public static UintrFd? Fd;

    [UserInterruptHandler(3)]
    private static void OnRing()
    {
    }
}
