using System;
using System.Collections.Generic;
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
internal sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "simulator speed (measured now) and generator benchmark figures (from BenchmarkDotNet reports) in one table";

    public int Run(string[] args, TextWriter output)
    {
        double scale = 1.0;
        foreach (string arg in args)
        {
            if (arg == "--quick")
            {
                scale = 0.1;
            }
            else
            {
                Console.Error.WriteLine($"uintr bench: unknown option '{arg}'. usage: uintr bench [--quick]");
                return 2;
            }
        }

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
        return 0;
    }
}
