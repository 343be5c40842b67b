using System.Collections.Generic;
using System.Globalization;
using PingPong.Measured;
using Spectre.Console;

namespace PingPong.Comparison;

/// <summary>The two comparison tables: simulated (deterministic) and measured on this machine (wall clock).</summary>
internal static class ComparisonTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Simulated rows with cycles, nanoseconds, the ratio to the spinning user IPI and the RFC's ratio.</summary>
    public static Table Simulated(IReadOnlyList<ComparisonRow> rows, double cyclesPerNs)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("mechanism")
            .AddColumn("simulated by")
            .AddColumn(new TableColumn("round trip cycles").RightAligned())
            .AddColumn(new TableColumn("ns").RightAligned())
            .AddColumn(new TableColumn("× user IPI").RightAligned())
            .AddColumn(new TableColumn("RFC ×").RightAligned());
        double reference = rows[0].RoundTripCycles;
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Mechanism),
                new Text(row.Source),
                new Text(row.RoundTripCycles.ToString("0", Invariant)),
                new Text((row.RoundTripCycles / cyclesPerNs).ToString("0.0", Invariant)),
                new Text((row.RoundTripCycles / reference).ToString("0.00", Invariant)),
                new Text(row.RfcRatio is { } rfc ? rfc.ToString("0.0", Invariant) : "-"));
        }

        return table;
    }

    /// <summary>Measured rows in nanoseconds, each next to its simulated model and to the simulated spinning user IPI.</summary>
    public static Table Measured(IReadOnlyList<MeasuredResult> results, IReadOnlyList<ComparisonRow> simulated, double cyclesPerNs)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("mechanism")
            .AddColumn(new TableColumn("round trips").RightAligned())
            .AddColumn(new TableColumn("mean ns").RightAligned())
            .AddColumn(new TableColumn("p50 ns").RightAligned())
            .AddColumn(new TableColumn("p99 ns").RightAligned())
            .AddColumn(new TableColumn("min ns").RightAligned())
            .AddColumn(new TableColumn("p50 ÷ sim. user IPI").RightAligned())
            .AddColumn(new TableColumn("model ns").RightAligned());
        double userIpiNs = simulated[0].RoundTripCycles / cyclesPerNs;
        foreach (var result in results)
        {
            string model = "-";
            foreach (var row in simulated)
            {
                if (row.Mechanism == result.Name)
                {
                    model = (row.RoundTripCycles / cyclesPerNs).ToString("0", Invariant);
                }
            }

            table.AddRow(
                new Text(result.Name),
                new Text(result.Count.ToString(Invariant) + (result.StoppedEarly ? " (time limit)" : string.Empty)),
                new Text(result.MeanNs.ToString("0", Invariant)),
                new Text(result.PercentileNs(50).ToString("0", Invariant)),
                new Text(result.PercentileNs(99).ToString("0", Invariant)),
                new Text(result.MinNs.ToString("0", Invariant)),
                new Text((result.PercentileNs(50) / userIpiNs).ToString("0.0", Invariant)),
                new Text(model));
        }

        return table;
    }
}
