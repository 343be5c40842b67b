using Uintr.Simulation.Exploration;
using Uintr.Simulation.Kernel;
using Xunit.Abstractions;

namespace Uintr.Runtime.Tests.Exploration;

public class ScheduleExplorerTests
{
    private readonly ITestOutputHelper _output;

    public ScheduleExplorerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Ten_thousand_random_schedules_lose_nothing_invent_nothing_and_never_deliver_while_masked()
    {
        var explorer = new ScheduleExplorer(new ExplorationOptions());

        var summary = explorer.Explore(10_000);

        _output.WriteLine($"{summary.Schedules} schedules: {summary.Sends} sends, {summary.Deliveries} deliveries, {summary.ContextSwitches} switches " +
            $"({summary.Migrations} migrations), {summary.MaskWindows} CLUI windows, {summary.BlockingWaits} blocking waits, {summary.Closes} closes");
        Assert.Equal(10_000, summary.Schedules);
        Assert.True(summary.ViolationCount == 0, string.Join("\n", summary.Violations));

        // The schedules really exercise every kind of operation.
        Assert.True(summary.Sends > 10_000);
        Assert.True(summary.Deliveries > 5_000);
        Assert.True(summary.Migrations > 1_000);
        Assert.True(summary.MaskWindows > 1_000);
        Assert.True(summary.BlockingWaits > 1_000);
        Assert.True(summary.Closes > 1_000);
    }

    [Fact]
    public void With_the_restore_order_reversed_the_explorer_finds_the_lost_interrupt_of_the_RFC_review()
    {
        var explorer = new ScheduleExplorer(new ExplorationOptions(Restore: RestoreOrder.ReadPirThenClearSuppress));

        var summary = explorer.Explore(10_000);

        _output.WriteLine($"{summary.ViolationCount} violations; first: {(summary.Violations.Count > 0 ? summary.Violations[0] : null)}");
        Assert.True(summary.ViolationCount > 0, "the explorer did not find the race");
        Assert.All(summary.Violations, v => Assert.Equal(ViolationKind.LostInterrupt, v.Kind));
    }

    // Runtime waits with no timer: only a wake-up can end them. The window is widened to 400 cycles (the stub's eight
    // instructions take about ten) so that random schedules land deliveries in it often; both runs use the same seeds.
    private static ExplorationOptions RuntimeWaits(bool closed) =>
        new(Operations: 24, RuntimeWaits: true, WaitWindowClosed: closed, WaitTimers: false, WaitWindowCycles: 400);

    [Fact]
    public void With_the_wait_window_closed_no_schedule_loses_a_wake_up_without_timers()
    {
        var summary = new ScheduleExplorer(RuntimeWaits(closed: true)).Explore(3_000);

        _output.WriteLine($"{summary.BlockingWaits} blocking waits, {summary.AbortedWaits} aborted in the window, {summary.ViolationCount} violations");
        Assert.True(summary.ViolationCount == 0, string.Join("\n", summary.Violations));
        Assert.True(summary.AbortedWaits > 10, "deliveries never landed inside the wait window");
        Assert.True(summary.BlockingWaits > 200);
    }

    [Fact]
    public void With_the_wait_window_open_the_explorer_finds_the_lost_wake_up()
    {
        var summary = new ScheduleExplorer(RuntimeWaits(closed: false)).Explore(3_000);

        _output.WriteLine($"{summary.ViolationCount} violations; first: {(summary.Violations.Count > 0 ? summary.Violations[0] : null)}");
        Assert.True(summary.ViolationCount > 0, "the explorer did not find the lost wake-up");
        Assert.All(summary.Violations, v => Assert.Equal(ViolationKind.LostWakeUp, v.Kind));
        Assert.Equal(0, summary.AbortedWaits);
    }

    [Fact]
    public void A_schedule_is_reproducible_from_its_seed()
    {
        var explorer = new ScheduleExplorer(new ExplorationOptions(Restore: RestoreOrder.ReadPirThenClearSuppress));
        var found = explorer.Explore(10_000);
        var first = found.Violations[0];

        var again = new ExplorationSummary();
        explorer.RunSchedule(first.Seed, again);

        Assert.Equal(first, again.Violations[0]);
    }
}
