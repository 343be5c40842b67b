using System;
using System.Collections.Generic;
using System.Threading;

namespace Uintr.Runtime.Tests;

/// <summary>
/// Another thread calls <see cref="UintrReceiver.GetDeliveryCount"/> and <see cref="UintrReceiver.WaitForDelivery"/>
/// while the registering thread disposes the receiver at a random moment. The native words are poisoned when freed, so
/// a read after the free shows up as a count or a delivery that never happened; the only acceptable ends are an
/// <see cref="ObjectDisposedException"/> naming the public type, or a plain false.
/// </summary>
internal static class ForeignUseRace
{
    /// <summary>Runs <paramref name="rounds"/> races and returns what went wrong (empty when nothing did).</summary>
    /// <param name="register">Registers a receiver (with DeliveryCounters and WakeWaiter) on the calling thread.</param>
    /// <param name="rounds">How many receivers to register and race.</param>
    /// <param name="seed">Seeds the random delay before each Dispose.</param>
    public static List<string> Run(Func<UintrReceiver> register, int rounds, int seed = 1234)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (int round = 0; round < rounds; round++)
        {
            int delay = random.Next(0, 2000);
            var owner = new Thread(() => RaceOnce(register, delay, failures));
            owner.Start();
            if (!owner.Join(TimeSpan.FromSeconds(30)))
            {
                failures.Add($"round {round}: the owner thread did not finish");
                break;
            }
        }

        return failures;
    }

    private static void RaceOnce(Func<UintrReceiver> register, int delay, List<string> failures)
    {
        try
        {
            var receiver = register();
            using var started = new ManualResetEventSlim();
            var waiter = new Thread(() => UseFromAnotherThread(receiver, started, failures));
            waiter.Start();
            started.Wait();
            Thread.SpinWait(delay);
            receiver.Dispose();
            if (!waiter.Join(TimeSpan.FromSeconds(30)))
            {
                Add(failures, "WaitForDelivery did not return after Dispose");
            }
        }
        catch (Exception e)
        {
            Add(failures, "owner: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static void UseFromAnotherThread(UintrReceiver receiver, ManualResetEventSlim started, List<string> failures)
    {
        started.Set();
        for (int i = 0; i < 1000; i++)
        {
            try
            {
                if (receiver.GetDeliveryCount(i % 64) != 0)
                {
                    Add(failures, "GetDeliveryCount read a count that was never written (freed memory)");
                }

                if (receiver.WaitForDelivery(TimeSpan.FromTicks(i % 3)))
                {
                    Add(failures, "WaitForDelivery reported a delivery that never happened");
                }
            }
            catch (ObjectDisposedException e) when (e.ObjectName == typeof(UintrReceiver).FullName)
            {
                return;
            }
            catch (Exception e)
            {
                Add(failures, e.GetType().Name + ": " + e.Message);
                return;
            }
        }
    }

    private static void Add(List<string> failures, string failure)
    {
        lock (failures)
        {
            failures.Add(failure);
        }
    }
}
