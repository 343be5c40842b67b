using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;
using Uintr.Cli.Bench;

namespace Uintr.Cli.Commands;

/// <summary>
/// <c>uintr bench [--quick]</c>: the simulator speed workloads, measured now, and the generator benchmark figures
/// from BenchmarkDotNet reports when a previous run left them, in one table.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The share of the full workload <c>--quick</c> runs.</summary>
    public const double QuickScale = 0.1;

    public static Command Create()
    {
        var quick = new Option<bool>("--quick")
        {
            Description = $"Run {QuickScale:0.#} of the work: a smoke test whose rates are lower than a full run's and not comparable with docs/simulator.md",
        };
        var command = new Command("bench", "Simulator speed (measured now) and generator benchmark figures (from BenchmarkDotNet reports) in one table.");
        command.Options.Add(quick);
        command.SetAction(parse => Run(parse.GetValue(quick) ? QuickScale : 1.0, parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(double scale, TextWriter output)
    {
        var rows = new List<BenchRow>(SimulatorBench.Run(scale));
        var generator = BenchmarkReports.Find("generator", "Generator", Directory.GetCurrentDirectory()).ToList();
        rows.AddRange(generator.Count > 0
            ? generator
            : new[] { new BenchRow("generator", "no BenchmarkDotNet report found (BenchmarkDotNet.Artifacts/results/*Generator*-report.csv)", "-", "-", "-", "-") });

        var table = new Table().Border(TableBorder.Rounded).AddColumns("suite", "workload", "work", "time", "rate", "source");
        foreach (var row in rows)
        {
            table.AddRow(new Text(row.Suite), new Text(row.Workload), new Text(row.Amount), new Text(row.Time), new Text(row.Rate), new Text(row.Source));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
        {
            console.Profile.Width = 160;
        }

        console.Write(table);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulator rows: best of two runs after a warm-up, at scale {scale}; host figures vary with the machine's load."));
        if (scale < 1.0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Quick mode: {scale:0.#} of the work, so fixed start-up costs weigh more; these rates are a smoke test, NOT comparable with a full run or with docs/simulator.md."));
        }

        return 0;
    }
}
