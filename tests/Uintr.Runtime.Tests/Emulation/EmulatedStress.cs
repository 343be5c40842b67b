using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Uintr.Emulation;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>What one stress run saw.</summary>
internal sealed record EmulatedStressResult(
    string Variant,
    long Sends,
    long Deliveries,
    long DeliveriesA,
    long DeliveriesB,
    long HandlersRun,
    long Chunks,
    long WrongChunks,
    long Gen0Collections,
    long Gen2Collections,
    long Uirets,
    long Notifications,
    bool Vector512Accelerated,
    TimeSpan Elapsed,
    string? Failure)
{
    public override string ToString() =>
        $"{Variant}: {Sends} sends, {Deliveries} deliveries ({DeliveriesA} + {DeliveriesB} by counter), {HandlersRun} handlers, {Notifications} notifications, " +
        $"{Uirets} UIRETs, {Chunks} chunks ({WrongChunks} wrong), gen0 {Gen0Collections}, gen2 {Gen2Collections}, Vector512 {(Vector512Accelerated ? "yes" : "no")}, " +
        $"{Elapsed.TotalSeconds:F2} s{(Failure is null ? string.Empty : " FAILED: " + Failure)}";
}

/// <summary>
/// The stress run of the emulated backend: a receiver thread computes with general registers, Vector256 and Vector512
/// (checked chunk by chunk against results computed before any interrupt could land), while a sender delivers two
/// vectors alternately, each send waiting for its delivery, so every delivery must be counted exactly once, and a third
/// thread forces gen0 and gen2 collections.
/// </summary>
internal static class EmulatedStress
{
    private const int ReferenceChunks = 64;
    private const int ChunkIterations = 400;

    /// <summary>
    /// Runs <paramref name="deliveries"/> deliveries (half to <paramref name="vectorA"/>, half to <paramref name="vectorB"/>)
    /// against the receiver <paramref name="register"/> creates on <paramref name="platform"/>; <paramref name="countsPerVector"/>
    /// says whether its trampoline counts deliveries; <paramref name="variant"/> names the run; <paramref name="timeout"/> bounds it.
    /// </summary>
    public static EmulatedStressResult Run(
        UintrPlatform platform, string variant, Func<UintrPlatform, UintrReceiver> register, int vectorA, int vectorB, int deliveries, bool countsPerVector, TimeSpan timeout)
    {
        var expected = new ChunkResult[ReferenceChunks];
        for (int seed = 0; seed < ReferenceChunks; seed++)
        {
            expected[seed] = Compute((uint)seed);
        }

        var ready = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        EmulatedReceiver? receiver = null;
        UintrFd? fdA = null, fdB = null;
        long chunks = 0, wrong = 0, handlers = 0, deliveryCount = 0, countedA = 0, countedB = 0, uirets = 0, notifications = 0;
        Exception? receiverFailure = null;

        var receiverThread = new Thread(() =>
        {
            try
            {
                using var rx = register(platform);
                receiver = (EmulatedReceiver)rx;
                fdA = rx.GetFd(vectorA).Duplicate();
                fdB = rx.GetFd(vectorB).Duplicate();
                ready.Set();
                uint seed = 0;
                while (!stop.IsCancellationRequested)
                {
                    var result = Compute(seed % ReferenceChunks);
                    if (!result.Equals(expected[seed % ReferenceChunks]))
                    {
                        wrong++;
                    }

                    // Allocation on the interrupted thread, so collections find it in managed code.
                    var garbage = new ulong[16 + (int)(seed % 48)];
                    garbage[^1] = seed;
                    if (garbage[^1] != seed)
                    {
                        wrong++;
                    }

                    chunks++;
                    seed++;
                    handlers += rx.Poll();
                }

                SpinWait.SpinUntil(() => receiver.Deliveries >= deliveries, TimeSpan.FromSeconds(5));
                handlers += rx.Poll();
                deliveryCount = receiver.Deliveries;
                uirets = receiver.Uirets;
                notifications = receiver.Notifications;
                if (countsPerVector)
                {
                    countedA = rx.GetDeliveryCount(vectorA);
                    countedB = rx.GetDeliveryCount(vectorB);
                }
            }
            catch (Exception e)
            {
                receiverFailure = e;
                ready.Set();
            }
        })
        { Name = "emulated stress receiver", IsBackground = true };

        int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        var collector = new Thread(() =>
        {
            int round = 0;
            while (!stop.IsCancellationRequested)
            {
                _ = new byte[4096 + (round % 7) * 512];
                if (++round % 8 == 0)
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                }
                else
                {
                    GC.Collect(0);
                }

                Thread.Sleep(1);
            }
        })
        { Name = "emulated stress collector", IsBackground = true };

        var clock = Stopwatch.StartNew();
        receiverThread.Start();
        ready.Wait();
        string? failure = receiverFailure?.ToString();
        long sends = 0;
        if (failure is null)
        {
            collector.Start();
            using var senderA = platform.RegisterSender(fdA!);
            using var senderB = platform.RegisterSender(fdB!);
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            for (int i = 0; i < deliveries / 2 && failure is null; i++)
            {
                senderA.Send();
                senderB.Send();
                sends += 2;
                var spinner = default(SpinWait);
                while (receiver!.Deliveries < sends)
                {
                    if (Stopwatch.GetTimestamp() > deadline || receiverFailure is not null)
                    {
                        failure = $"delivery {receiver.Deliveries + 1} of {deliveries} did not arrive in time";
                        break;
                    }

                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        }

        stop.Cancel();
        receiverThread.Join();
        if (collector.IsAlive || collector.ThreadState != System.Threading.ThreadState.Unstarted)
        {
            collector.Join();
        }

        clock.Stop();
        fdA?.Dispose();
        fdB?.Dispose();
        failure ??= receiverFailure?.ToString();
        return new EmulatedStressResult(
            variant, sends, deliveryCount, countedA, countedB, handlers, chunks, wrong,
            GC.CollectionCount(0) - gen0Before, GC.CollectionCount(2) - gen2Before, uirets, notifications,
            Vector512.IsHardwareAccelerated, clock.Elapsed, failure);
    }

    /// <summary>
    /// A chunk of work that keeps six general registers and four vector accumulators (two 256-bit, two 512-bit) live
    /// across a loop long enough to be interrupted; any register the delivery path failed to restore changes the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static ChunkResult Compute(uint seed)
    {
        ulong a = seed * 0x9E3779B97F4A7C15UL + 1, b = ~a, c = a ^ 0x5555, d = a * 3, e = a + 7, f = seed;
        var v0 = Vector256.Create(seed) + Vector256<uint>.Indices;
        var v1 = Vector256.Create(seed * 7 + 1) ^ (Vector256<uint>.Indices * 3);
        var w0 = Vector512.Create(seed * 13 + 5) + Vector512<uint>.Indices;
        var w1 = Vector512.Create(seed ^ 0xA5A5A5A5) - (Vector512<uint>.Indices * 5);
        var m256 = Vector256.Create(1664525u);
        var k256 = Vector256.Create(1013904223u);
        var m512 = Vector512.Create(22695477u);
        var k512 = Vector512.Create(1u);
        for (int i = 0; i < ChunkIterations; i++)
        {
            a = a * 6364136223846793005UL + 1442695040888963407UL;
            b ^= a >> 17;
            c += b * 31;
            d = BitOperations.RotateLeft(d ^ c, 13);
            e += d | 1;
            f ^= e >> 3;
            v0 = v0 * m256 + k256;
            v1 ^= Vector256.ShiftRightLogical(v0, 7);
            w0 = w0 * m512 + k512;
            w1 += Vector512.ShiftRightLogical(w0, 11) ^ w1;
        }

        return new ChunkResult(a ^ b, c ^ d, e ^ f, v0 ^ v1, w0 ^ w1);
    }

    /// <summary>The registers a chunk ends with.</summary>
    internal readonly record struct ChunkResult(ulong G0, ulong G1, ulong G2, Vector256<uint> V, Vector512<uint> W);
}
