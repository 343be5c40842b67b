using System;
using System.IO;
using System.Linq;
using Uintr.Cli.Bench;
using Uintr.Cli.Commands;

namespace Uintr.Cli.Tests;

public class DetectAndBenchTests
{
    [Fact]
    public void Detect_names_the_missing_piece_and_the_backend_with_its_reason()
    {
        var output = new StringWriter();

        Assert.Equal(0, UintrCommand.Invoke(new[] { "detect" }, output, new StringWriter()));

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("CPU:", lines[0]);
        Assert.StartsWith("OS:", lines[1]);
        string backend = lines.Single(l => l.StartsWith("Backend: ", StringComparison.Ordinal));
        if (lines.Contains("Hardware: available."))
        {
            return;
        }

        // No UINTR here (no machine this project is built on has it): exactly one piece is MISSING, and the reason
        // is the one the simulator's description gives.
        Assert.Single(lines, l => l.EndsWith(" MISSING", StringComparison.Ordinal));
        string reason = lines.Single(l => l.StartsWith("Missing: ", StringComparison.Ordinal))["Missing: ".Length..];
        Assert.Contains(reason, backend);
        Assert.Contains("simulator", backend);
    }

    [Fact]
    public void Csv_cells_keep_quoted_commas()
    {
        Assert.Equal(new[] { "FullGeneration", "1,257.8 ms", "a \"b\"", "" }, BenchmarkReports.SplitCsv("FullGeneration,\"1,257.8 ms\",\"a \"\"b\"\"\","));
    }

    [Fact]
    public void Generator_figures_come_from_a_BenchmarkDotNet_report_with_their_parameters()
    {
        string root = Path.Combine(Path.GetTempPath(), "uintr-bench-" + Guid.NewGuid().ToString("N"));
        string results = Path.Combine(root, "BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(results);
        try
        {
            File.WriteAllLines(Path.Combine(results, "Uintr.Generators.Benchmarks.GeneratorBenchmarks-report.csv"), new[]
            {
                "Method,Job,RunStrategy,WarmupCount,Receivers,Mean,Error,StdDev,Allocated",
                "FullGeneration,ShortRun,Default,3,1000,398.4 ms,\"2,257.8 ms\",123.76 ms,61.4 MB",
            });

            var rows = BenchmarkReports.Find("generator", "Generator", Path.Combine(root, "BenchmarkDotNet.Artifacts")).ToList();

            var row = Assert.Single(rows);
            Assert.Equal("FullGeneration (Receivers=1000)", row.Workload);
            Assert.Equal("398.4 ms", row.Time);
            Assert.Equal("61.4 MB allocated", row.Amount);
            Assert.Equal("GeneratorBenchmarks (BenchmarkDotNet)", row.Source);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Bench_prints_one_table_with_simulator_and_generator_rows()
    {
        var output = new StringWriter();

        Assert.Equal(0, UintrCommand.Invoke(new[] { "bench", "--quick" }, output, new StringWriter()));

        string text = output.ToString();
        Assert.Contains("machine ping-pong, 2 cores", text);
        Assert.Contains("hosted threads ping-pong (Wait Block)", text);
        Assert.Contains("generator", text);
        Assert.Contains("NOT comparable with a full run or with docs/simulator.md", text);
    }
}
