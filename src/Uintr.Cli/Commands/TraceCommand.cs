using System;
using System.IO;
using System.Linq;
using Uintr.Cli.Tracing;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr trace &lt;scenario&gt; [--out DIR] [--seed N] [--text]</c>: the scenario's timeline as Chrome trace JSON and SVG.</summary>
internal sealed class TraceCommand : ICommand
{
    public string Name => "trace";

    public string Summary => "run a scenario (" + string.Join(", ", TraceScenarios.All.Select(s => s.Name)) + ") and write <scenario>.trace.json and <scenario>.timeline.svg";

    public int Run(string[] args, TextWriter output)
    {
        var scenario = args.Length > 0 ? TraceScenarios.Find(args[0]) : null;
        if (scenario is null)
        {
            Console.Error.WriteLine(args.Length == 0 ? "uintr trace: which scenario?" : $"uintr trace: unknown scenario '{args[0]}'.");
            Console.Error.WriteLine("usage: uintr trace <scenario> [--out DIR] [--seed N] [--text]");
            foreach (var s in TraceScenarios.All)
            {
                Console.Error.WriteLine($"  {s.Name,-9} {s.Description}");
            }

            return 2;
        }

        string directory = ".";
        int seed = 1;
        bool text = false;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], out seed):
                    i++;
                    break;
                case "--text":
                    text = true;
                    break;
                default:
                    Console.Error.WriteLine($"uintr trace: unknown option '{args[i]}'.");
                    return 2;
            }
        }

        var simulator = TraceScenarios.Record(scenario, seed);
        var timeline = Timeline.From(simulator);
        Directory.CreateDirectory(directory);
        string json = Path.Combine(directory, $"{scenario.Name}.trace.json");
        string svg = Path.Combine(directory, $"{scenario.Name}.timeline.svg");
        using (var stream = File.Create(json))
        {
            ChromeTraceWriter.Write(timeline, stream);
        }

        File.WriteAllText(svg, SvgTimelineWriter.Write(timeline));
        if (text)
        {
            foreach (var e in simulator.Trace)
            {
                output.WriteLine(e);
            }
        }

        output.WriteLine($"{scenario.Name}: {simulator.Trace.Count} events on {timeline.Cores} cores, {timeline.Threads.Count} threads, {timeline.EndMicroseconds:0.###} us simulated");
        output.WriteLine($"  {json}  (open in https://ui.perfetto.dev or chrome://tracing)");
        output.WriteLine($"  {svg}");
        return 0;
    }
}
