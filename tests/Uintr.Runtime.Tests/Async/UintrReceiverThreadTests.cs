using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Uintr.Runtime.Tests.Async;

/// <summary>
/// <see cref="UintrReceiverThread"/> on the simulator. The test body is the simulator's main (adopted) thread; it waits
/// for tasks with SpinUntil, which lets simulated time pass, as the type's docs prescribe.
/// </summary>
[Collection(nameof(UintrReceiverThreadTests))]
public sealed class UintrReceiverThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(50);

    private static (UintrSimulator Platform, UintrReceiverThread Thread) Start(int seed = 1)
    {
        AsyncDoorbell.Reset();
        var platform = UintrPlatform.Simulator(new SimulatorOptions { Seed = seed });
        return (platform, UintrReceiverThread.Start(platform, "doorbell", AsyncDoorbell.RegisterUserInterrupts));
    }

    // The tasks are complete when these run (AwaitOnSimulator waited for them in simulated time): no blocking.
    private static T ResultOf<T>(Task<T> task)
    {
        Assert.True(task.IsCompletedSuccessfully, task.Status.ToString());
        return task.GetAwaiter().GetResult();
    }

    private static void AwaitOnSimulator(UintrPlatform platform, Task task) =>
        Assert.True(platform.SpinUntil(() => task.IsCompleted, Patience), "the task did not complete in simulated time");

    [Fact]
    public void An_awaited_delivery_completes_after_the_handler_ran_on_the_receiver_thread()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            var delivery = thread.WaitForDeliveryAsync(3);
            Assert.False(delivery.IsCompleted);
            using var sender = platform.RegisterSender(thread.GetFd(3));
            long sent = platform.GetTimestamp();
            sender.Send();

            AwaitOnSimulator(platform, delivery);
            Assert.Equal(TaskStatus.RanToCompletion, delivery.Status);
            Assert.Equal(3, ResultOf(delivery).Vector);
            Assert.Equal(1, ResultOf(delivery).Sequence);
            Assert.Null(ResultOf(delivery).Exception);
            Assert.True(ResultOf(delivery).Timestamp > sent);
            Assert.Equal(1, AsyncDoorbell.Rings);
            Assert.NotEqual(Environment.CurrentManagedThreadId, AsyncDoorbell.HandlerThreadId);
            Assert.Equal(0, thread.PendingWaitCount);
        }
    }

    [Fact]
    public void A_wait_for_one_vector_is_not_completed_by_another()
    {
        var (platform, thread) = Start();
        Task<UintrDelivery> three;
        using (thread)
        {
            three = thread.WaitForDeliveryAsync(3);
            using var five = platform.RegisterSender(thread.GetFd(5));
            five.Send();
            Assert.False(platform.SpinUntil(() => three.IsCompleted, TimeSpan.FromMilliseconds(5)));
            Assert.Equal(1, thread.PendingWaitCount);
        }

        Assert.True(three.IsCanceled);
    }

    [Fact]
    public void Vectors_the_receiver_does_not_handle_are_refused_by_name()
    {
        var (_, thread) = Start();
        using (thread)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = thread.WaitForDeliveryAsync(4); });
            Assert.Contains("vector 4", error.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = thread.WaitForDeliveryAsync(64); });
        }
    }

    [Fact]
    public void Cancelling_a_wait_cancels_its_task_and_unlists_it()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            using var cts = new CancellationTokenSource();
            var wait = thread.WaitForDeliveryAsync(3, cts.Token);
            Assert.Equal(1, thread.PendingWaitCount);

            cts.Cancel();

            Assert.True(wait.IsCanceled);
            Assert.Equal(0, thread.PendingWaitCount);

            // A later delivery still reaches a later waiter, and nothing of the cancelled one remains.
            var next = thread.WaitForDeliveryAsync(3);
            using var sender = platform.RegisterSender(thread.GetFd(3));
            sender.Send();
            AwaitOnSimulator(platform, next);
            Assert.Equal(TaskStatus.RanToCompletion, next.Status);
        }
    }

    [Fact]
    public void An_already_cancelled_token_gives_a_cancelled_task_without_listing_it()
    {
        var (_, thread) = Start();
        using (thread)
        {
            var wait = thread.WaitForDeliveryAsync(3, new CancellationToken(canceled: true));
            Assert.True(wait.IsCanceled);
            Assert.Equal(0, thread.PendingWaitCount);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(21)]
    public void Cancellation_racing_a_delivery_ends_the_wait_exactly_once_and_leaks_nothing(int cyclesOfHeadStart)
    {
        // The cancellation runs on a second simulated thread while the delivery is in flight; where it lands relative
        // to the handler depends on the offset. Either outcome is fine; a hang, a double completion or a left-over
        // waiter is not.
        var (platform, thread) = Start(seed: cyclesOfHeadStart + 1);
        using (thread)
        {
            for (int round = 0; round < 20; round++)
            {
                using var cts = new CancellationTokenSource();
                var wait = thread.WaitForDeliveryAsync(3, cts.Token);
                var canceller = platform.StartThread("canceller", () =>
                {
                    platform.SpinUntil(() => false, TimeSpan.FromTicks(1 + ((cyclesOfHeadStart * 7 + round * 13) % 40)));
                    cts.Cancel();
                });
                using (var sender = platform.RegisterSender(thread.GetFd(3)))
                {
                    sender.Send();
                }

                canceller.Join();
                AwaitOnSimulator(platform, wait);
                Assert.True(wait.Status is TaskStatus.RanToCompletion or TaskStatus.Canceled, wait.Status.ToString());
                Assert.Equal(0, thread.PendingWaitCount);
            }
        }
    }

    [Fact]
    public void Disposal_during_a_wait_cancels_every_pending_wait_and_ends_the_thread()
    {
        var (platform, thread) = Start();
        var waits = new[] { thread.WaitForDeliveryAsync(3), thread.WaitForDeliveryAsync(3), thread.WaitForDeliveryAsync(5) };
        var subscription = thread.Subscribe();
        var fd = thread.GetFd(3);

        thread.Dispose();

        Assert.All(waits, w => Assert.True(w.IsCanceled));
        Assert.False(thread.IsRunning);
        Assert.Equal(0, thread.PendingWaitCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => { _ = thread.WaitForDeliveryAsync(3); });
        Assert.Throws<ObjectDisposedException>(() => thread.GetFd(3));

        // The receiver was disposed on its thread: its fds are closed.
        var refused = Assert.Throws<UintrException>(() => platform.RegisterSender(fd));
        Assert.Equal(Errno.EBADF, refused.Errno);
        thread.Dispose();
    }

    [Fact]
    public void A_handler_exception_faults_the_waiters_of_its_vector()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            AsyncDoorbell.ThrowOnFive = true;
            var wait = thread.WaitForDeliveryAsync(5);
            using var sender = platform.RegisterSender(thread.GetFd(5));
            sender.Send();

            AwaitOnSimulator(platform, wait);
            var error = Assert.IsType<InvalidOperationException>(wait.Exception!.InnerException);
            Assert.Equal("handler 5 failed", error.Message);
            Assert.True(thread.IsRunning);
        }
    }

    [Fact]
    public void A_handler_exception_raises_HandlerFailed_on_the_receiver_thread()
    {
        var (platform, thread) = Start();
        var failures = new List<(int Vector, string Message, int ThreadId)>();
        thread.HandlerFailed += (_, e) => failures.Add((e.Vector, e.Exception.Message, Environment.CurrentManagedThreadId));
        using (thread)
        {
            AsyncDoorbell.ThrowOnFive = true;
            using var sender = platform.RegisterSender(thread.GetFd(5));
            sender.Send();
            Assert.True(platform.SpinUntil(() => failures.Count == 1, Patience));
        }

        Assert.Equal(5, failures[0].Vector);
        Assert.Equal("handler 5 failed", failures[0].Message);
        Assert.NotEqual(Environment.CurrentManagedThreadId, failures[0].ThreadId);
    }

    [Fact]
    public void An_unobserved_handler_exception_stops_the_thread_and_Dispose_rethrows_it()
    {
        var (platform, thread) = Start();
        var pending = thread.WaitForDeliveryAsync(3);
        AsyncDoorbell.ThrowOnFive = true;
        using (var sender = platform.RegisterSender(thread.GetFd(5)))
        {
            sender.Send();
        }

        Assert.True(platform.SpinUntil(() => !thread.IsRunning, Patience));
        Assert.True(pending.IsCanceled);
        var error = Assert.Throws<InvalidOperationException>(thread.Dispose);
        Assert.Equal("handler 5 failed", error.Message);
    }

    [Fact]
    public void A_subscription_reads_every_delivery_in_order_and_completes_at_disposal()
    {
        var (platform, thread) = Start();
        var subscription = thread.Subscribe();
        using (thread)
        {
            using var three = platform.RegisterSender(thread.GetFd(3));
            using var five = platform.RegisterSender(thread.GetFd(5));
            for (int i = 0; i < 3; i++)
            {
                var next = thread.WaitForDeliveryAsync(i == 1 ? 5 : 3);
                (i == 1 ? five : three).Send();
                AwaitOnSimulator(platform, next);
            }
        }

        var read = new List<UintrDelivery>();
        while (subscription.Reader.TryRead(out var delivery))
        {
            read.Add(delivery);
        }

        Assert.Equal(new[] { 3, 5, 3 }, read.Select(d => d.Vector));
        Assert.Equal(new long[] { 1, 2, 3 }, read.Select(d => d.Sequence));
        Assert.True(subscription.Reader.Completion.IsCompleted);
        Assert.Equal(0, subscription.Dropped);
    }

    [Fact]
    public void A_full_subscription_drops_the_oldest_and_counts_them()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            using var subscription = thread.Subscribe(capacity: 2);
            using var sender = platform.RegisterSender(thread.GetFd(3));
            for (int i = 0; i < 5; i++)
            {
                var next = thread.WaitForDeliveryAsync(3);
                sender.Send();
                AwaitOnSimulator(platform, next);
            }

            Assert.Equal(3, subscription.Dropped);
            Assert.True(subscription.Reader.TryRead(out var first));
            Assert.Equal(4, first.Sequence);
        }
    }

    [Fact]
    public void Async_code_run_on_the_receiver_thread_continues_there_after_awaiting_a_delivery()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            var threads = new List<int>();
            var work = thread.RunAsync(async () =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                Assert.Same(thread.SynchronizationContext, SynchronizationContext.Current);

                // The receiver thread registers a sender to itself, as async code next to its handlers may.
                using var self = platform.RegisterSender(thread.GetFd(3));
                var delivery = thread.WaitForDeliveryAsync(3);
                self.Send();
                var result = await delivery;
                threads.Add(Environment.CurrentManagedThreadId);
                return result.Vector;
            });

            AwaitOnSimulator(platform, work);
            Assert.Equal(3, ResultOf(work));
            Assert.Equal(2, threads.Count);
            Assert.Equal(threads[0], threads[1]);
            Assert.Equal(AsyncDoorbell.HandlerThreadId, threads[0]);
        }
    }

    [Fact]
    public void The_task_scheduler_runs_tasks_on_the_receiver_thread()
    {
        var (platform, thread) = Start();
        using (thread)
        {
            var task = Task.Factory.StartNew(() => Environment.CurrentManagedThreadId, CancellationToken.None, TaskCreationOptions.None, thread.Scheduler);
            AwaitOnSimulator(platform, task);
            var here = thread.RunAsync(() => Task.FromResult(Environment.CurrentManagedThreadId));
            AwaitOnSimulator(platform, here);
            Assert.Equal(ResultOf(here), ResultOf(task));
            Assert.NotEqual(Environment.CurrentManagedThreadId, ResultOf(task));
        }
    }

    [Fact]
    public void Work_that_never_finishes_is_cancelled_at_disposal()
    {
        var (platform, thread) = Start();
        var stuck = thread.RunAsync(async () => await thread.WaitForDeliveryAsync(3));
        platform.SpinUntil(() => thread.PendingWaitCount == 1, Patience);

        thread.Dispose();

        Assert.True(stuck.IsCanceled);
        Assert.Throws<ObjectDisposedException>(() => { _ = thread.RunAsync(() => Task.CompletedTask); });
    }

    [Fact]
    public void A_failing_registration_surfaces_from_Start_and_leaves_nothing_running()
    {
        var platform = UintrPlatform.Simulator();
        var error = Assert.Throws<InvalidOperationException>(() =>
            UintrReceiverThread.Start(platform, "broken", _ => throw new InvalidOperationException("no receiver")));
        Assert.Equal("no receiver", error.Message);
    }

    [Fact]
    public void The_same_seed_gives_the_same_delivery_timestamps()
    {
        static long[] Run()
        {
            var (platform, thread) = Start(seed: 7);
            using (thread)
            {
                using var sender = platform.RegisterSender(thread.GetFd(3));
                var stamps = new long[3];
                for (int i = 0; i < stamps.Length; i++)
                {
                    var next = thread.WaitForDeliveryAsync(3);
                    sender.Send();
                    AwaitOnSimulator(platform, next);
                    stamps[i] = ResultOf(next).Timestamp;
                }

                return stamps;
            }
        }

        Assert.Equal(Run(), Run());
    }
}
