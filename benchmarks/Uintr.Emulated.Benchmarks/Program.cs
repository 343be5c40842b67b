using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Uintr;
using Uintr.Emulation;
using Uintr.Runtime.Tests.Emulation;

namespace Uintr.Emulated.Benchmarks;

/// <summary>
/// <c>stress [deliveries] [variants]</c>: every trampoline variant (or the comma-separated ones named) under the stress run (default 100,000 deliveries each).
/// <c>latency [samples] [runs]</c>: paced deliveries per second and send-to-trampoline latency percentiles.
/// <c>trap [count]</c>: the cost of one emulated instruction (TESTUI in the stub: a #UD round trip).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "stress";
        int Argument(int index, int fallback) =>
            args.Length > index ? int.Parse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

        var platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
        Console.WriteLine($"Platform: {platform.Description}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, extended-state buffer {EmulatedMachine.Instance.XsaveBufferBytes} bytes");
        switch (verb)
        {
            case "stress":
                return Stress(platform, Argument(1, 100_000), args.Length > 2 ? args[2] : null);
            case "latency":
                Latency(platform, Argument(1, 20_000), Argument(2, 5));
                return 0;
            case "trap":
                Trap(platform, Argument(1, 100_000), Argument(2, 5));
                return 0;
            default:
                Console.Error.WriteLine("usage: Uintr.Emulated.Benchmarks stress [deliveries] [plain,counters,wake,altstack,endbranch] | latency [samples] [runs] | trap [count] [runs]");
                return 2;
        }
    }

    private static int Stress(UintrPlatform platform, int deliveries, string? only)
    {
        var timeout = TimeSpan.FromMinutes(30);
        var variants = new (string Name, Func<EmulatedStressResult> Run)[]
        {
            ("plain", () => EmulatedStress.Run(platform, "plain", PlainEmulatedBell.RegisterUserInterrupts, 2, 40, deliveries, countsPerVector: false, timeout)),
            ("counters", () => EmulatedStress.Run(platform, "counters", CountingEmulatedBell.RegisterUserInterrupts, 3, 9, deliveries, countsPerVector: true, timeout)),
            ("wake", () => EmulatedStress.Run(platform, "wake", WakingEmulatedBell.RegisterUserInterrupts, 5, 6, deliveries, countsPerVector: true, timeout)),
            ("altstack", () => EmulatedStress.Run(platform, "altstack", AltStackEmulatedBell.RegisterUserInterrupts, 1, 62, deliveries, countsPerVector: true, timeout)),
            ("endbranch", () => EmulatedStress.Run(platform, "endbranch", EndBranchEmulatedBell.RegisterUserInterrupts, 0, 60, deliveries, countsPerVector: true, timeout)),
        };

        bool ok = true;
        foreach (var (name, run) in variants)
        {
            if (only is not null && !only.Split(',').Contains(name))
            {
                continue;
            }

            var result = run();
            bool exact = result.Failure is null && result.Sends == deliveries && result.Deliveries == deliveries && result.Uirets == deliveries
                && (result.Variant == "plain" || (result.DeliveriesA == deliveries / 2 && result.DeliveriesB == deliveries / 2)) && result.WrongChunks == 0;
            ok &= exact;
            Console.WriteLine($"{(exact ? "PASS" : "FAIL")} {result} (load average {LoadAverage()})");
        }

        Console.WriteLine(string.Join("; ", EmulatedMachine.Instance.Statistics().Select(s => $"{s.Key} {s.Value}")));
        return ok ? 0 : 1;
    }

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// One sender, one receiver computing in a loop; each send waits until the trampoline counted the delivery.
    /// Latency is from just before SENDUIPI (itself a #UD) to the moment the sender sees the trampoline's counter move.
    /// </summary>
    private static void Latency(UintrPlatform platform, int samples, int runs)
    {
        var medians = new List<double>();
        var rates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var latencies = new double[samples];
            UintrReceiver? receiver = null;
            UintrFd? fd = null;
            var ready = new ManualResetEventSlim();
            var stop = new CancellationTokenSource();
            var thread = new Thread(() =>
            {
                using var rx = CountingEmulatedBell.RegisterUserInterrupts(platform);
                receiver = rx;
                fd = rx.GetFd(9).Duplicate();
                ready.Set();
                uint seed = 0;
                while (!stop.IsCancellationRequested)
                {
                    _ = EmulatedStress.Compute(seed++ % 64);
                    rx.Poll();
                }
            })
            { IsBackground = true };
            thread.Start();
            ready.Wait();
            using (var sender = platform.RegisterSender(fd!))
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < samples; i++)
                {
                    long before = receiver!.GetDeliveryCount(9);
                    long start = Stopwatch.GetTimestamp();
                    sender.Send();
                    while (receiver.GetDeliveryCount(9) == before)
                    {
                        Thread.SpinWait(1);
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                clock.Stop();
                rates.Add(samples / clock.Elapsed.TotalSeconds);
            }

            stop.Cancel();
            thread.Join();
            fd!.Dispose();
            Array.Sort(latencies);
            double P(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * samples) - 1, 0, samples - 1)];
            medians.Add(P(50));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1} (load average {LoadAverage()}): {samples} paced deliveries, {rates[^1],8:0} deliveries/s; send-to-trampoline us: p50 {P(50):0.0}, p90 {P(90):0.0}, p99 {P(99):0.0}, p99.9 {P(99.9):0.0}, max {latencies[^1]:0.0}"));
        }

        medians.Sort();
        rates.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"over {runs} runs: p50 min {medians[0]:0.0} us, median {medians[runs / 2]:0.0} us; deliveries/s min {rates[0]:0}, median {rates[runs / 2]:0}, max {rates[^1]:0}"));
    }

    /// <summary>TESTUI on a receiver thread: each call is one #UD, one SIGILL handler run and one rt_sigreturn.</summary>
    private static void Trap(UintrPlatform platform, int count, int runs)
    {
        var perTrap = new List<double>();
        var thread = new Thread(() =>
        {
            using var rx = PlainEmulatedBell.RegisterUserInterrupts(platform);
            for (int run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < count; i++)
                {
                    _ = UserInterrupts.Testui();
                }

                perTrap.Add(clock.Elapsed.TotalMicroseconds / count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1} (load average {LoadAverage()}): {count} TESTUI traps, {perTrap[^1]:0.00} us each"));
            }
        });
        thread.Start();
        thread.Join();
        perTrap.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"over {runs} runs: min {perTrap[0]:0.00} us, median {perTrap[runs / 2]:0.00} us per emulated instruction"));
    }
}
