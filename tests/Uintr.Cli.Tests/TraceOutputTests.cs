using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Uintr.Cli.Commands;
using Uintr.Cli.Tracing;

namespace Uintr.Cli.Tests;

public class TraceOutputTests
{
    private static JsonDocument ChromeTrace(string scenario)
    {
        var timeline = Timeline.From(TraceScenarios.Record(TraceScenarios.Find(scenario)!));
        var stream = new MemoryStream();
        ChromeTraceWriter.Write(timeline, stream);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static JsonElement[] Events(JsonDocument trace) => trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var value) ? value.GetString() : null;

    [Theory]
    [InlineData("pingpong")]
    [InlineData("blocked")]
    [InlineData("masked")]
    public void The_Chrome_trace_has_a_process_per_core_and_a_thread_track_per_thread(string scenario)
    {
        using var trace = ChromeTrace(scenario);
        var events = Events(trace);

        var processes = events.Where(e => Str(e, "ph") == "M" && Str(e, "name") == "process_name").ToList();
        Assert.Equal(Enumerable.Range(0, 4), processes.Select(p => p.GetProperty("pid").GetInt32()).OrderBy(p => p));
        Assert.All(processes, p => Assert.Equal($"core {p.GetProperty("pid").GetInt32()}", p.GetProperty("args").GetProperty("name").GetString()));

        var threadNames = events.Where(e => Str(e, "ph") == "M" && Str(e, "name") == "thread_name")
            .Select(e => e.GetProperty("args").GetProperty("name").GetString()).ToList();
        string[] expected = scenario == "masked" ? new[] { "receiver", "sender" } : new[] { "ping", "pong" };
        Assert.All(expected, t => Assert.Contains(t, threadNames));

        // Every timed event sits on a named track, in microseconds.
        var timed = events.Where(e => Str(e, "ph") is "X" or "i").ToList();
        Assert.NotEmpty(timed);
        Assert.All(timed, e =>
        {
            Assert.True(e.GetProperty("ts").GetDouble() >= 0);
            Assert.InRange(e.GetProperty("pid").GetInt32(), 0, 3);
            Assert.True(e.GetProperty("args").TryGetProperty("cycle", out _));
        });
        Assert.All(timed.Where(e => Str(e, "ph") == "X"), e => Assert.True(e.GetProperty("dur").GetDouble() >= 0));
    }

    [Fact]
    public void The_ping_pong_trace_shows_sends_notifications_trampolines_and_handlers_for_every_message()
    {
        using var trace = ChromeTrace("pingpong");
        var events = Events(trace);
        int Count(string ph, string category) => events.Count(e => Str(e, "ph") == ph && Str(e, "cat") == category);

        // 3 round trips: 6 messages. The thread running the scenario only joins: drawn waiting, not busy.
        Assert.Equal(6, Count("i", "send"));
        Assert.Equal(6, Count("i", "notification"));
        Assert.Equal(6, Count("X", "trampoline"));
        Assert.Equal(6, Count("i", "handler"));
        Assert.Equal(2, Count("X", "thread"));
        Assert.Equal(1, Count("X", "waiting"));

        // A trampoline at 2.0 GHz: 158 cycles = 0.079 us, on the receiving thread's track.
        var trampoline = events.First(e => Str(e, "cat") == "trampoline");
        Assert.Equal(trampoline.GetProperty("args").GetProperty("cycle").GetInt64() / 2000.0, trampoline.GetProperty("ts").GetDouble(), 6);
        Assert.NotEqual(ChromeTraceWriter.CoreTrackTid, trampoline.GetProperty("tid").GetInt32());
    }

    [Fact]
    public void The_blocked_trace_shows_blocked_periods_and_context_switches()
    {
        using var trace = ChromeTrace("blocked");
        var events = Events(trace);

        Assert.Equal(6, events.Count(e => Str(e, "ph") == "X" && Str(e, "cat") == "blocked"));
        Assert.Equal(6, events.Count(e => Str(e, "ph") == "X" && Str(e, "cat") == "context-switch"));
        Assert.Equal(6, events.Count(e => Str(e, "ph") == "i" && Str(e, "cat") == "context-switch"));
        // One traced interrupt per wake-up (the kernel's blocked-wait vector); the self-IPI on the return to user is
        // traced when it is taken, as a notification.
        Assert.Equal(6, events.Count(e => Str(e, "ph") == "i" && Str(e, "cat") == "interrupt"));
    }

    [Fact]
    public void The_masked_trace_delivers_only_after_STUI()
    {
        var timeline = Timeline.From(TraceScenarios.Record(TraceScenarios.Find("masked")!));

        var send = timeline.Instants.Single(i => i.Category == "send");
        var trampoline = timeline.Spans.Single(s => s.Category == "trampoline");
        var lastStui = timeline.Instants.Where(i => i.Category == "flag" && i.Detail.StartsWith("STUI", StringComparison.Ordinal)).Max(i => i.Cycle);
        Assert.True(send.Cycle < lastStui);
        Assert.True(trampoline.StartCycle > lastStui);
    }

    [Theory]
    [InlineData("pingpong")]
    [InlineData("blocked")]
    [InlineData("masked")]
    public void The_SVG_is_well_formed_with_one_row_per_core(string scenario)
    {
        var timeline = Timeline.From(TraceScenarios.Record(TraceScenarios.Find(scenario)!));

        var svg = XDocument.Parse(SvgTimelineWriter.Write(timeline));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var rows = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "core").ToList();
        Assert.Equal(timeline.Cores, rows.Count);
        Assert.Equal(Enumerable.Range(0, timeline.Cores).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => (string?)r.Attribute("data-core")));
        Assert.Equal(timeline.Spans.Count(s => s.Category == "trampoline"), svg.Descendants(ns + "rect").Count(r => (string?)r.Attribute("class") == "trampoline"));
    }

    [Fact]
    public void Same_seed_same_trace_files()
    {
        string a = Path.Combine(Path.GetTempPath(), "uintr-trace-" + Guid.NewGuid().ToString("N"));
        string b = a + "-again";
        try
        {
            Assert.Equal(0, UintrCommand.Invoke(new[] { "trace", "pingpong", "--out", a }, new StringWriter(), new StringWriter()));
            Assert.Equal(0, UintrCommand.Invoke(new[] { "trace", "pingpong", "--out", b }, new StringWriter(), new StringWriter()));
            Assert.Equal(File.ReadAllText(Path.Combine(a, "pingpong.trace.json")), File.ReadAllText(Path.Combine(b, "pingpong.trace.json")));
            Assert.Equal(File.ReadAllText(Path.Combine(a, "pingpong.timeline.svg")), File.ReadAllText(Path.Combine(b, "pingpong.timeline.svg")));
        }
        finally
        {
            foreach (string directory in new[] { a, b })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }

}

/// <summary>What the trace pictures show, checked on the timelines they are drawn from.</summary>
public class TracePictureTests
{
    private static Timeline Record(string scenario) =>
        Timeline.From(TraceScenarios.Record(TraceScenarios.Find(scenario)!));

    [Theory]
    [InlineData("pingpong")]
    [InlineData("blocked")]
    public void A_rally_draws_as_many_round_trips_as_its_description_says(string scenario)
    {
        var simulator = TraceScenarios.Record(TraceScenarios.Find(scenario)!);
        var timeline = Timeline.From(simulator);

        Assert.Contains($"{TraceScenarios.RoundTrips} round trips", TraceScenarios.Find(scenario)!.Description, StringComparison.Ordinal);
        Assert.Equal(2 * TraceScenarios.RoundTrips, simulator.Trace.Count(e => e.Kind == SimulationEventKind.Send));
        Assert.Equal(2 * TraceScenarios.RoundTrips, timeline.Spans.Count(s => s.Category == "trampoline"));
    }

    [Fact]
    public void The_masked_picture_shades_the_interval_the_interrupt_waits_while_UIF_is_0()
    {
        var simulator = TraceScenarios.Record(TraceScenarios.Find("masked")!);
        var timeline = Timeline.From(simulator);
        long recognized = simulator.Trace.Single(e => e.Kind == SimulationEventKind.Notification).Cycle;
        long stui = simulator.Trace.Last(e => e.Kind == SimulationEventKind.FlagChange && e.Detail.EndsWith("UIF = 1", StringComparison.Ordinal)).Cycle;

        var pending = Assert.Single(timeline.Spans, s => s.Category == "masked-pending");
        Assert.Equal("receiver", pending.Thread);
        Assert.Equal(recognized, pending.StartCycle);
        Assert.Equal(stui, pending.EndCycle);
        Assert.Contains("class=\"masked-pending\"", SvgTimelineWriter.Write(timeline), StringComparison.Ordinal);
    }

    [Fact]
    public void A_thread_that_only_joins_is_drawn_waiting_not_busy()
    {
        var timeline = Record("pingpong");

        // The thread that ran the scenario (named after the host thread: "main" under the uintr command) only joins.
        var main = Assert.Single(timeline.Spans, s => s.Thread is not ("ping" or "pong") && s.Category is "thread" or "waiting");
        Assert.Equal("waiting", main.Category);
        Assert.All(timeline.Spans.Where(s => s.Thread is "ping" or "pong" && s.Name.StartsWith("thread", StringComparison.Ordinal)), s => Assert.Equal("thread", s.Category));
    }
}
