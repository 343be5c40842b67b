using System;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// SimulatorOptions.TimeLimit: a program that is still running when simulated time would pass the limit (threads that
/// poll, or wait with time-outs in a loop, for an interrupt that never comes) fails with a TimeoutException in every
/// thread instead of running forever; a program that ends in time never sees it.
/// </summary>
public class SimulatedTimeLimitTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void A_thread_polling_for_an_interrupt_that_never_comes_fails_at_the_limit_and_so_does_its_joiner()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = Limit });
        long lastSeen = 0;
        var poller = sim.StartThread("poller", () =>
        {
            using var r = new TestReceiver(4).Register(sim);
            while (r.Poll() == 0)
            {
                lastSeen = sim.GetTimestamp();
            }
        });

        var error = Assert.Throws<TimeoutException>(poller.Join);

        Assert.Contains("time limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("'poller' runs", error.Message, StringComparison.Ordinal);
        Assert.Contains("waits in Join(poller)", error.Message, StringComparison.Ordinal);
        Assert.Contains("SimulatorOptions.TimeLimit", error.Message, StringComparison.Ordinal);

        // The poller itself failed with the same report, in the poll that would have crossed the limit (1 ms at 2 GHz);
        // only its unwinding (closing the receiver) ran after that.
        Assert.Same(error, Assert.Throws<TimeoutException>(poller.Join));
        Assert.InRange(lastSeen, 1_990_000, 2_000_000);
    }

    [Fact]
    public void Waits_with_a_timeout_in_a_loop_fail_at_the_limit_naming_what_each_thread_waits_for()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = Limit });
        int waits = 0;
        var waiter = sim.StartThread("waiter", () =>
        {
            using var r = new TestReceiver(4).Register(sim);
            while (r.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(100)) == 0)
            {
                waits++;
            }
        });

        var error = Assert.Throws<TimeoutException>(waiter.Join);

        // The next time-out (at 1.0 ms and a few cycles) lies past the limit: the report comes while the thread waits.
        Assert.Contains("'waiter' waits in Wait(Spin)", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, waits);
    }

    [Fact]
    public void A_program_that_ends_before_the_limit_runs_normally_even_when_it_waits_up_to_just_before_it()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = Limit });
        bool spun = true;
        var thread = sim.StartThread("sleeper", () => spun = sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(990)));

        thread.Join();

        Assert.False(spun);
    }

    [Fact]
    public void A_blocked_wait_in_a_loop_fails_at_the_limit_and_leaves_the_kernel_wait()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = Limit });
        var waiter = sim.StartThread("blocked", () =>
        {
            using var r = new TestReceiver(4).Register(sim);
            while (r.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(300)) == 0)
            {
            }
        });

        var error = Assert.Throws<TimeoutException>(waiter.Join);

        Assert.Contains("'blocked' waits in uintr_wait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_is_a_minute_by_default_may_be_removed_and_must_be_positive()
    {
        var options = new SimulatorOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.TimeLimit);
        options.TimeLimit = null;
        Assert.Null(options.TimeLimit);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TimeLimit = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TimeLimit = TimeSpan.FromTicks(-1));
        Assert.Null(options.TimeLimit);
    }

    [Fact]
    public void Without_a_limit_a_loop_of_waits_runs_past_the_default_minute()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { TimeLimit = null });
        var waiter = sim.StartThread("waiter", () =>
        {
            using var r = new TestReceiver(4).Register(sim);
            for (int i = 0; i < 61; i++)
            {
                r.Wait(UintrWaitMode.Spin, TimeSpan.FromSeconds(1));
            }
        });

        waiter.Join();

        Assert.True(sim.GetTimestamp() > 61L * 2_000_000_000);
    }
}
