using System;
using System.Globalization;
using Spectre.Console;
using Uintr.Simulation.Timing.Validation;

namespace Uintr.Simulator.Benchmarks;

/// <summary>
/// <c>validate</c>: runs <see cref="TimingValidation"/> and prints the comparison with the published figures, then each
/// mechanism's round-trip breakdown. <c>--no-breakdown</c> prints the table only. Exit code 0 whatever the verdicts:
/// misses are documented results, the tests guard them.
/// </summary>
internal sealed class ValidateVerb : IVerb
{
    public string Name => "validate";

    public string Summary => "compare the timing model with the published UINTR and IPC figures";

    public int Run(string[] args)
    {
        bool breakdown = Array.IndexOf(args, "--no-breakdown") < 0;
        var report = new TimingValidation().Run();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = 240;

        var table = new Table().Border(TableBorder.Markdown).Title("Timing model vs published figures (Sapphire Rapids, 2.0 GHz)");
        table.AddColumns("quantity", "unit", "model", "published", "deviation", "target", "result", "model value from");
        foreach (var row in report.Rows)
        {
            table.AddRow(
                Markup.Escape(row.Quantity),
                row.Unit,
                Format(row.ModelValue, row.Unit),
                row.PublishedValue is { } published ? Format(published, row.Unit) : "-",
                row.DeviationPercent is { } deviation ? deviation.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %" : "-",
                "±" + row.TargetPercent.ToString("0", CultureInfo.InvariantCulture) + " %",
                row.Status.ToString().ToLowerInvariant(),
                Markup.Escape(row.Origin));
        }

        console.Write(table);
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated spinning ping-pong: {report.PingPong.RoundTripCycles:0} cycles per round trip (min {report.PingPong.MinRoundTripCycles}, max {report.PingPong.MaxRoundTripCycles}), one-way {report.PingPong.OneWayCycles:0.#} cycles, {report.PingPong.Deliveries} deliveries."));
        console.WriteLine();
        console.WriteLine("Why:");
        foreach (var row in report.Rows)
        {
            console.WriteLine($"- {row.Quantity} [{row.Status.ToString().ToLowerInvariant()}]: {row.Explanation}");
        }

        if (breakdown)
        {
            foreach (var roundTrip in report.Breakdowns)
            {
                console.WriteLine();
                var parts = new Table().Border(TableBorder.Markdown).Title(Markup.Escape($"{roundTrip.Mechanism}: {roundTrip.TotalCycles} cycles"));
                parts.AddColumns("component", "cycles each", "count", "cycles", "share");
                foreach (var component in roundTrip.Components)
                {
                    parts.AddRow(
                        Markup.Escape(component.Name),
                        component.CyclesEach.ToString(CultureInfo.InvariantCulture),
                        component.Count.ToString(CultureInfo.InvariantCulture),
                        component.TotalCycles.ToString(CultureInfo.InvariantCulture),
                        (100.0 * component.TotalCycles / roundTrip.TotalCycles).ToString("0.0", CultureInfo.InvariantCulture) + " %");
                }

                console.Write(parts);
            }
        }

        return 0;
    }

    private static string Format(double value, string unit) =>
        unit == "ratio" ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
}
