using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Uintr.Cli.Bench;

/// <summary>
/// Reads figures other benchmark projects left behind: BenchmarkDotNet's CSV reports
/// (BenchmarkDotNet.Artifacts/results/*-report.csv) whose name matches a suite, searched from a directory upwards.
/// </summary>
internal static class BenchmarkReports
{
    public static IEnumerable<BenchRow> Find(string suite, string namePart, string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var results = new DirectoryInfo(Path.Combine(directory.FullName, "BenchmarkDotNet.Artifacts", "results"));
            if (!results.Exists)
            {
                continue;
            }

            var reports = results.GetFiles("*-report.csv").Where(f => f.Name.Contains(namePart, StringComparison.OrdinalIgnoreCase)).ToList();
            if (reports.Count == 0)
            {
                continue;
            }

            return reports.SelectMany(report => Read(suite, report));
        }

        return Array.Empty<BenchRow>();
    }

    private static IEnumerable<BenchRow> Read(string suite, FileInfo report)
    {
        var lines = File.ReadAllLines(report.FullName);
        if (lines.Length < 2)
        {
            yield break;
        }

        var header = SplitCsv(lines[0]);
        int method = header.IndexOf("Method"), mean = header.IndexOf("Mean"), allocated = header.IndexOf("Allocated");
        if (method < 0 || mean < 0)
        {
            yield break;
        }

        // BenchmarkDotNet writes the job's characteristics (ending with WarmupCount) after Method, then the benchmark's
        // parameters, then the statistics from Mean on.
        string[] jobColumns = { "Job", "RunStrategy", "UnrollFactor", "WarmupCount" };
        int parametersFrom = Math.Max(method, jobColumns.Max(name => header.IndexOf(name))) + 1;
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsv(line);
            if (cells.Count != header.Count)
            {
                continue;
            }

            var parameters = Enumerable.Range(parametersFrom, Math.Max(0, mean - parametersFrom)).Select(i => $"{header[i]}={cells[i]}").ToList();
            string workload = cells[method] + (parameters.Count > 0 ? $" ({string.Join(", ", parameters)})" : string.Empty);
            yield return new BenchRow(suite, workload, allocated >= 0 ? $"{cells[allocated]} allocated" : "-", cells[mean], "-", Source(report));
        }
    }

    /// <summary>"GeneratorBenchmarks (BenchmarkDotNet)" for Uintr.Generators.Benchmarks.GeneratorBenchmarks-report.csv.</summary>
    private static string Source(FileInfo report)
    {
        string name = report.Name[..^"-report.csv".Length];
        return $"{name[(name.LastIndexOf('.') + 1)..]} (BenchmarkDotNet)";
    }

    /// <summary>Splits one CSV line, honouring double-quoted cells.</summary>
    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
