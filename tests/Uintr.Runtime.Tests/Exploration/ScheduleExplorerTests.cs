using Uintr.Simulation;
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

        var summary = explorer.Explore(ScheduleExplorer.DefaultSchedules);

        _output.WriteLine($"{summary.Schedules} schedules: {summary.Sends} sends, {summary.Deliveries} deliveries, {summary.ContextSwitches} switches " +
            $"({summary.Migrations} migrations), {summary.MaskWindows} CLUI windows, {summary.BlockingWaits} blocking waits, {summary.Closes} closes " +
            $"({summary.LastReferenceCloses} of a last reference); {summary.KernelFindingCount} RFC v1 kernel findings (orphaned ON)");
        Assert.Equal(ScheduleExplorer.DefaultSchedules, summary.Schedules);
        Assert.True(summary.ViolationCount == 0, string.Join("\n", summary.Violations));

        // The schedules really exercise every kind of operation.
        Assert.True(summary.Sends > 10_000);
        Assert.True(summary.Deliveries > 5_000);
        Assert.True(summary.Migrations > 1_000);
        Assert.True(summary.MaskWindows > 1_000);
        Assert.True(summary.BlockingWaits > 1_000);
        Assert.True(summary.Closes > 1_000);
        Assert.True(summary.LastReferenceCloses > 500);
    }

    [Theory]
    [InlineData(nameof(PlantedBugs.SenduipiNeverSetsOn), nameof(ViolationKind.NotificationProtocol))]
    [InlineData(nameof(PlantedBugs.SenduipiIgnoresOn), nameof(ViolationKind.NotificationProtocol))]
    [InlineData(nameof(PlantedBugs.DeliveryLeavesUifSet), nameof(ViolationKind.UifSetInHandler))]
    [InlineData(nameof(PlantedBugs.LowestVectorFirst), nameof(ViolationKind.PriorityInversion))]
    [InlineData(nameof(PlantedBugs.DeliveryIgnoresUif), nameof(ViolationKind.DeliveryWhileMasked))]
    [InlineData(nameof(PlantedBugs.FrameSwapsRipAndRflags), nameof(ViolationKind.FrameContents))]
    [InlineData(nameof(PlantedBugs.UiretLeavesUifClear), nameof(ViolationKind.UifNotRestored))]
    [InlineData(nameof(PlantedBugs.WaitSkipsPendingCheck), nameof(ViolationKind.LostWakeUp))]
    [InlineData(nameof(PlantedBugs.LastCloseKeepsPirBit), nameof(ViolationKind.ReleasedVectorPending))]
    [InlineData(nameof(PlantedBugs.StuiOpensNoWindow), nameof(ViolationKind.DeliveryBoundaryMissed))]
    [InlineData(nameof(PlantedBugs.MaskedWaitReturnsAtOnce), nameof(ViolationKind.WaitEndedWithoutWakeUp))]
    [InlineData(nameof(PlantedBugs.DeliveryChainSkipsRecognition), nameof(ViolationKind.RecognitionSkipped))]
    [InlineData(nameof(PlantedBugs.ExecKeepsSenduipi), nameof(ViolationKind.ExecKeptSenduipi))]
    public void Each_planted_bug_is_found_within_the_default_schedule_count_by_the_oracle_for_it(string bugName, string expectedKind)
    {
        var bug = System.Enum.Parse<PlantedBugs>(bugName);
        var expected = System.Enum.Parse<ViolationKind>(expectedKind);
        var explorer = new ScheduleExplorer(new ExplorationOptions(PlantedBugs: bug));

        var found = explorer.FirstViolation(ScheduleExplorer.DefaultSchedules);

        Assert.True(found is not null, $"{bug}: no violation in {ScheduleExplorer.DefaultSchedules} schedules");
        _output.WriteLine($"{bug}: found after {found.Value.Schedules} schedules: {found.Value.Violation}");
        Assert.Equal(expected, found.Value.Violation.Kind);
    }

    [Fact]
    public void A_last_close_racing_an_outstanding_notification_orphans_ON_on_RFC_v1_and_is_counted_as_a_kernel_finding()
    {
        // receiver_clear_uvec (uintr_core.c at 2100ffbe) clears the closed vector's PIR bit and leaves ON; if the post's
        // notification was taken as an ordinary interrupt while the receiver was switched out or asleep, switch_uintr_return
        // finds PIR empty and sends no self-IPI, so ON stays set and later posts are not notified.
        var explorer = new ScheduleExplorer(new ExplorationOptions());

        var summary = explorer.Explore(ScheduleExplorer.DefaultSchedules);

        _output.WriteLine($"{summary.KernelFindingCount} kernel findings; first: {(summary.KernelFindings.Count > 0 ? summary.KernelFindings[0] : null)}");
        Assert.True(summary.KernelFindingCount > 0, "no schedule orphaned ON");
        Assert.All(summary.KernelFindings, f => Assert.Contains("orphaned", f.Detail, System.StringComparison.Ordinal));
        var first = summary.KernelFindings[0];
        var trace = explorer.TraceSchedule(first.Seed, new ExplorationSummary());
        Assert.Contains(trace, e => e.Kind == SimulationEventKind.Interrupt && e.Vector == KernelConstants.NotificationVector);
        Assert.Contains(trace, e => e.Detail.Contains("its last reference", System.StringComparison.Ordinal));

        // With the last close leaving PIR alone (uintr-next's behaviour), nothing is orphaned.
        var keep = new ScheduleExplorer(new ExplorationOptions(PlantedBugs: PlantedBugs.LastCloseKeepsPirBit)).Explore(2_000);
        Assert.Equal(0, keep.KernelFindingCount);
    }

    [Fact]
    public void A_blocked_wait_is_ended_only_by_a_wake_up_so_a_lost_one_is_reported_and_reproducible()
    {
        var explorer = new ScheduleExplorer(new ExplorationOptions(PlantedBugs: PlantedBugs.WaitSkipsPendingCheck));
        var found = explorer.FirstViolation()!.Value.Violation;

        var again = new ExplorationSummary();
        explorer.RunSchedule(found.Seed, again);

        Assert.Equal(found, again.Violations[0]);
        Assert.Contains("stays blocked in uintr_wait", found.Detail, System.StringComparison.Ordinal);
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
