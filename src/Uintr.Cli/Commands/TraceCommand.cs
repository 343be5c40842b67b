using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Uintr.Cli.CommandLine;
using Uintr.Cli.Tracing;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr trace &lt;scenario&gt; [--out DIR] [--seed N] [--text]</c>: the scenario's timeline as Chrome trace JSON and SVG.</summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var scenario = TypedOptions.OneOf("scenario",
            "The scenario to run: " + string.Join("; ", TraceScenarios.All.Select(s => $"{s.Name}: {s.Description}")),
            TraceScenarios.All.Select(s => s.Name).ToArray());
        var output = TypedOptions.Path("--out", "Directory for <scenario>.trace.json and <scenario>.timeline.svg (created if missing)", ".", "DIR");
        var seed = TypedOptions.Integer("--seed", "Simulator seed: same seed, same trace", 0, int.MaxValue, 1);
        var text = new Option<bool>("--text") { Description = "Also print the simulator's event trace, one event per line" };

        var command = new Command("trace", "Run a scenario on a tracing simulator and write <scenario>.trace.json (Perfetto, chrome://tracing) and <scenario>.timeline.svg.");
        command.Arguments.Add(scenario);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(text);
        command.SetAction(parse => Run(
            TraceScenarios.Find(parse.GetValue(scenario)!)!,
            parse.GetValue(output)!,
            parse.GetValue(seed),
            parse.GetValue(text),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(TraceScenario scenario, string directory, int seed, bool text, TextWriter output)
    {
        var simulator = TraceScenarios.Record(scenario, seed);
        var timeline = Timeline.From(simulator);
        string json = Path.Combine(directory, $"{scenario.Name}.trace.json");
        string svg = Path.Combine(directory, $"{scenario.Name}.timeline.svg");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = File.Create(json))
            {
                ChromeTraceWriter.Write(timeline, stream);
            }

            File.WriteAllText(svg, SvgTimelineWriter.Write(timeline));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A file where the directory should be, a read-only or virtual file system (/proc), a name the OS refuses.
            throw new IOException($"--out '{directory}': cannot write the trace files there: {e.Message}", e);
        }

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
