using System;
using System.Linq;
using Uintr.Simulation.Timing;
using Uintr.Simulation.Timing.Baselines;
using Uintr.Simulation.Timing.Validation;

namespace Uintr.Runtime.Tests.Timing;

/// <summary>
/// The validation report of issue 3: absolute UINTR costs against the xUI paper, ping-pong ratios against the RFC.
/// Ratios that miss are pinned to their computed deviation, so a model change shows up here and the documented
/// explanation (docs/simulator-timing.md) has to be revisited.
/// </summary>
public class TimingValidationTests
{
    private static readonly Lazy<TimingValidationReport> s_report = new(() => new TimingValidation().Run());

    private static TimingValidationReport Report => s_report.Value;

    private static ValidationRow Row(string quantity) => Report.Rows.Single(r => r.Quantity == quantity);

    [Fact]
    public void One_way_latency_from_the_simulator_is_within_5_percent_of_1360_cycles()
    {
        var row = Row("One-way SENDUIPI -> handler entry");

        Assert.InRange(row.ModelValue, 1360 * 0.95, 1360 * 1.05);
        Assert.Equal(ValidationStatus.Pass, row.Status);
        Assert.StartsWith("simulator run", row.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Senduipi_and_receiver_cost_match_the_published_383_and_720_cycles()
    {
        var senduipi = Row("SENDUIPI");
        var receiver = Row("Receiver cost per interrupt");

        Assert.InRange(senduipi.ModelValue, 383 * 0.95, 383 * 1.05);
        Assert.InRange(receiver.ModelValue, 720 * 0.95, 720 * 1.05);
        Assert.Equal(ValidationStatus.Pass, senduipi.Status);
        Assert.Equal(ValidationStatus.Pass, receiver.Status);
    }

    [Fact]
    public void The_spinning_round_trip_is_a_steady_simulated_value_and_the_ratio_reference()
    {
        var pingPong = Report.PingPong;

        Assert.Equal(pingPong.MinRoundTripCycles, pingPong.MaxRoundTripCycles);
        Assert.InRange(pingPong.RoundTripCycles, 2 * 1360, 2 * 1360 + 1500);
        Assert.Equal(1.0, Row("User IPI, both spinning / user IPI (spin)").ModelValue);
    }

    [Fact]
    public void The_signal_components_add_up_to_the_xUI_papers_2_4_us_within_15_percent()
    {
        var row = Row("One signal, receiver running (cross-check)");

        Assert.Equal(ValidationStatus.Pass, row.Status);
        Assert.InRange(row.ModelValue, 4800 * 0.85, 4800 * 1.15);
    }

    /// <summary>
    /// Each RFC ratio: within 15% if the model meets it; otherwise a documented miss at exactly the computed deviation
    /// (to 0.1 percentage point). The expected deviations are what the model gives, not targets to tune towards.
    /// </summary>
    [Theory]
    [InlineData("User IPI, receiver blocked in uintr_wait / user IPI (spin)", 8.9, -46.9)]
    [InlineData("User IPI, receiver blocked in uintr_wait, simulated / user IPI (spin)", 8.9, -48.5)]
    [InlineData("Signal / user IPI (spin)", 14.8, -72.3)]
    [InlineData("Eventfd / user IPI (spin)", 9.7, -69.4)]
    [InlineData("Pipe / user IPI (spin)", 16.3, -80.0)]
    [InlineData("Unix domain socket / user IPI (spin)", 17.3, -75.9)]
    [InlineData("Signal, as benchmarked (kill(0) + sigwait) / user IPI (spin)", 14.8, -76.8)]
    [InlineData("Pipe, as benchmarked (pipe + kill/sigwait) / user IPI (spin)", 16.3, -76.5)]
    public void Each_ratio_meets_15_percent_or_misses_by_its_documented_deviation(string quantity, double published, double expectedDeviation)
    {
        var row = Row(quantity);
        Assert.Equal(published, row.PublishedValue);
        double deviation = row.DeviationPercent!.Value;

        if (Math.Abs(expectedDeviation) <= PublishedFigures.RatioTargetPercent)
        {
            Assert.Equal(ValidationStatus.Pass, row.Status);
            Assert.InRange(deviation, -PublishedFigures.RatioTargetPercent, PublishedFigures.RatioTargetPercent);
        }
        else
        {
            Assert.Equal(ValidationStatus.Miss, row.Status);
            Assert.Equal(expectedDeviation, Math.Round(deviation, 1));
            Assert.Contains("The published ratio implies", row.Explanation, StringComparison.Ordinal);
            Assert.Contains(RatioMissExplanation.Common, row.Explanation, StringComparison.Ordinal);
            Assert.Contains("RFC", row.Explanation, StringComparison.Ordinal);
        }
    }

    /// <summary>Ratios between two blocking mechanisms (the RFC's spinning reference cancels out), same rule as above.</summary>
    [Theory]
    [InlineData("Pipe / signal, both as benchmarked", 16.3 / 14.8, 1.2)]
    [InlineData("Unix domain socket / signal (as benchmarked)", 17.3 / 14.8, 3.7)]
    [InlineData("User IPI blocked in uintr_wait / signal (as benchmarked)", 8.9 / 14.8, 128.6)]
    public void Ratios_between_blocking_mechanisms_meet_15_percent_or_miss_by_their_documented_deviation(string quantity, double published, double expectedDeviation)
    {
        var row = Row(quantity);
        Assert.Equal(published, row.PublishedValue!.Value, 9);
        double deviation = row.DeviationPercent!.Value;
        Assert.Equal(expectedDeviation, Math.Round(deviation, 1));

        if (Math.Abs(expectedDeviation) <= PublishedFigures.RatioTargetPercent)
        {
            Assert.Equal(ValidationStatus.Pass, row.Status);
        }
        else
        {
            Assert.Equal(ValidationStatus.Miss, row.Status);
            Assert.Contains(TimingValidation.BlockedVersusSignal, row.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_row_has_an_origin_and_an_explanation()
    {
        Assert.All(Report.Rows, row =>
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Origin), row.Quantity);
            Assert.False(string.IsNullOrWhiteSpace(row.Explanation), row.Quantity);
        });
    }

    [Fact]
    public void The_blocked_user_IPI_row_reads_through_its_seam()
    {
        var fixedSource = new FixedRoundTrip(20_000);

        var report = new TimingValidation(blockedUserIpi: fixedSource, iterations: 16).Run();
        var row = report.Rows.Single(r => r.Quantity == "User IPI, receiver blocked in uintr_wait / user IPI (spin)");

        Assert.Equal("fixed for the test", row.Origin);
        Assert.Equal(20_000 / report.PingPong.RoundTripCycles, row.ModelValue, 9);
    }

    [Fact]
    public void The_simulated_blocked_ping_pong_can_be_the_seams_source()
    {
        var simulated = new SimulatedBlockedUserIpiRoundTrip(iterations: 16);

        var report = new TimingValidation(blockedUserIpi: simulated, iterations: 16).Run();
        var row = report.Rows.Single(r => r.Quantity == "User IPI, receiver blocked in uintr_wait / user IPI (spin)");

        Assert.StartsWith("simulator run", row.Origin, StringComparison.Ordinal);
        Assert.Equal(simulated.RoundTripCycles() / report.PingPong.RoundTripCycles, row.ModelValue, 9);
        Assert.True(simulated.RoundTripCycles() > report.PingPong.RoundTripCycles, "blocking in uintr_wait costs more than spinning");
        Assert.Equal(simulated.Measurement.MinRoundTripCycles, simulated.Measurement.MaxRoundTripCycles);
    }

    [Fact]
    public void The_default_blocked_user_IPI_source_is_the_component_model()
    {
        var row = Row("User IPI, receiver blocked in uintr_wait / user IPI (spin)");

        Assert.StartsWith("component model", row.Origin, StringComparison.Ordinal);
        Assert.Contains(Report.Breakdowns, b => b.Mechanism == "User IPI, receiver blocked in uintr_wait");
    }

    private sealed class FixedRoundTrip : IBlockedUserIpiRoundTripSource
    {
        private readonly long _cycles;

        public FixedRoundTrip(long cycles) => _cycles = cycles;

        public string Origin => "fixed for the test";

        public long RoundTripCycles() => _cycles;

        public RoundTripBreakdown? Breakdown() => null;
    }
}
