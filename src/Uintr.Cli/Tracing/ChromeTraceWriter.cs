using System.IO;
using System.Linq;
using System.Text.Json;

namespace Uintr.Cli.Tracing;

/// <summary>
/// Writes a <see cref="Timeline"/> in the Chrome trace-event format (opens in Perfetto and chrome://tracing): one
/// process per core (pid = core), one thread track per simulated thread on it (tid = 1 + the thread's index; tid 0
/// is the core's own track for events without a thread), "X" complete events for spans and "i" instants, with
/// timestamps in microseconds of simulated time.
/// </summary>
internal static class ChromeTraceWriter
{
    /// <summary>The track of events that belong to a core but to no thread.</summary>
    public const int CoreTrackTid = 0;

    public static void Write(Timeline timeline, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteStartArray("traceEvents");
        WriteTrackNames(json, timeline);

        foreach (var span in timeline.Spans.OrderBy(s => s.StartCycle))
        {
            json.WriteStartObject();
            json.WriteString("name", span.Name);
            json.WriteString("cat", span.Category);
            json.WriteString("ph", "X");
            json.WriteNumber("pid", span.Core);
            json.WriteNumber("tid", Tid(timeline, span.Thread));
            json.WriteNumber("ts", timeline.Microseconds(span.StartCycle));
            json.WriteNumber("dur", timeline.Microseconds(span.EndCycle - span.StartCycle));
            WriteArgs(json, span.StartCycle, -1, span.Detail);
            json.WriteEndObject();
        }

        foreach (var instant in timeline.Instants.OrderBy(i => i.Cycle))
        {
            json.WriteStartObject();
            json.WriteString("name", instant.Name);
            json.WriteString("cat", instant.Category);
            json.WriteString("ph", "i");
            json.WriteString("s", "t");
            json.WriteNumber("pid", instant.Core);
            json.WriteNumber("tid", Tid(timeline, instant.Thread));
            json.WriteNumber("ts", timeline.Microseconds(instant.Cycle));
            WriteArgs(json, instant.Cycle, instant.Vector, instant.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The tid of <paramref name="thread"/>'s track (<see cref="CoreTrackTid"/> for none).</summary>
    public static int Tid(Timeline timeline, string thread)
    {
        int index = thread.Length == 0 ? -1 : IndexOf(timeline, thread);
        return index < 0 ? CoreTrackTid : index + 1;
    }

    private static int IndexOf(Timeline timeline, string thread)
    {
        for (int i = 0; i < timeline.Threads.Count; i++)
        {
            if (timeline.Threads[i] == thread)
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteTrackNames(Utf8JsonWriter json, Timeline timeline)
    {
        for (int core = 0; core < timeline.Cores; core++)
        {
            Metadata(json, "process_name", core, null, $"core {core}");
            Metadata(json, "process_sort_index", core, null, null, core);
            Metadata(json, "thread_name", core, CoreTrackTid, $"core {core} (no thread)");
            var threadsHere = timeline.Spans.Select(s => (s.Core, s.Thread)).Concat(timeline.Instants.Select(i => (i.Core, i.Thread)))
                .Where(t => t.Core == core && t.Thread.Length > 0).Select(t => t.Thread).Distinct();
            foreach (string thread in threadsHere)
            {
                Metadata(json, "thread_name", core, Tid(timeline, thread), thread);
            }
        }
    }

    private static void Metadata(Utf8JsonWriter json, string name, int pid, int? tid, string? value, int? sortIndex = null)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", pid);
        if (tid is { } t)
        {
            json.WriteNumber("tid", t);
        }

        json.WriteStartObject("args");
        if (value is not null)
        {
            json.WriteString("name", value);
        }

        if (sortIndex is { } index)
        {
            json.WriteNumber("sort_index", index);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArgs(Utf8JsonWriter json, long cycle, int vector, string detail)
    {
        json.WriteStartObject("args");
        json.WriteNumber("cycle", cycle);
        if (vector >= 0)
        {
            json.WriteNumber("vector", vector);
        }

        if (detail.Length > 0)
        {
            json.WriteString("detail", detail);
        }

        json.WriteEndObject();
    }
}
