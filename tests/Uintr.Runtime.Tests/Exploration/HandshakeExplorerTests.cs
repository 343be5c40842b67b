using Uintr.Simulation;
using Uintr.Simulation.Exploration;
using Xunit.Abstractions;

namespace Uintr.Runtime.Tests.Exploration;

/// <summary>The hosted handshakes of the explorer: Send, then SpinUntil on what the receiver's polling thread writes.</summary>
public class HandshakeExplorerTests
{
    // Hosted schedules run real threads (a few milliseconds each), so the suite runs fewer of them than machine schedules.
    private const int Schedules = 200;

    private readonly ITestOutputHelper _output;

    public HandshakeExplorerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_spinning_thread_sees_the_write_that_ends_its_spin_promptly()
    {
        var summary = new HandshakeExplorer().Explore(Schedules);

        _output.WriteLine($"{summary.Schedules} handshakes: {summary.Sends} sends, {summary.Deliveries} handled, {summary.ViolationCount} violations");
        Assert.True(summary.ViolationCount == 0, string.Join("\n", summary.Violations));
        Assert.True(summary.Sends >= 2 * Schedules);
        Assert.Equal(summary.Sends, summary.Deliveries);
    }

    [Fact]
    public void With_SpinUntil_blind_to_the_running_thread_the_handshake_explorer_finds_the_late_observation()
    {
        var found = new HandshakeExplorer(PlantedBugs.SpinUntilSeesOnlyParking).FirstViolation(ScheduleExplorer.DefaultSchedules);

        Assert.True(found is not null, "no violation");
        _output.WriteLine($"SpinUntilSeesOnlyParking: found after {found.Value.Schedules} schedules: {found.Value.Violation}");
        Assert.Equal(ViolationKind.SpinSawLate, found.Value.Violation.Kind);
    }

    [Fact]
    public void With_the_process_UITT_written_into_a_blocked_threads_stale_state_the_handshake_explorer_finds_the_faulting_send()
    {
        var found = new HandshakeExplorer(PlantedBugs.SharedUittWritesStaleState).FirstViolation(ScheduleExplorer.DefaultSchedules);

        Assert.True(found is not null, "no violation");
        _output.WriteLine($"SharedUittWritesStaleState: found after {found.Value.Schedules} schedules: {found.Value.Violation}");
        Assert.Equal(ViolationKind.SendFaulted, found.Value.Violation.Kind);
    }
}
