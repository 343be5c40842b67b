using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Cli.Tracing;

/// <summary>
/// A simulator trace arranged for drawing: spans (thread lifetimes, trampoline runs from delivery to UIRET) and
/// instants (sends, notifications, handlers, system calls, context switches, flag changes, faults), with the
/// machine's core count and clock so cycles convert to microseconds.
/// </summary>
internal sealed class Timeline
{
    private Timeline(int cores, long frequencyHz, IReadOnlyList<string> threads, IReadOnlyList<TimelineSpan> spans, IReadOnlyList<TimelineInstant> instants, long endCycle)
    {
        Cores = cores;
        FrequencyHz = frequencyHz;
        Threads = threads;
        Spans = spans;
        Instants = instants;
        EndCycle = endCycle;
    }

    public int Cores { get; }

    public long FrequencyHz { get; }

    /// <summary>Simulated threads in order of first appearance.</summary>
    public IReadOnlyList<string> Threads { get; }

    public IReadOnlyList<TimelineSpan> Spans { get; }

    public IReadOnlyList<TimelineInstant> Instants { get; }

    public long EndCycle { get; }

    public double EndMicroseconds => Microseconds(EndCycle);

    public double Microseconds(long cycle) => cycle * 1e6 / FrequencyHz;

    public static Timeline From(UintrSimulator simulator) => From(simulator.Trace, simulator.Options.Cores, simulator.Options.FrequencyHz);

    public static Timeline From(IReadOnlyList<SimulationEvent> events, int cores, long frequencyHz)
    {
        var threads = new List<string>();
        var spans = new List<TimelineSpan>();
        var instants = new List<TimelineInstant>();
        var started = new Dictionary<string, SimulationEvent>();
        var delivering = new Dictionary<int, SimulationEvent>();
        var blocked = new Dictionary<string, SimulationEvent>();
        var waking = new Dictionary<int, SimulationEvent>();
        var maskedSince = new Dictionary<string, long>();
        var pendingSince = new Dictionary<string, long>();
        long end = events.Count == 0 ? 0 : events.Max(e => e.Cycle);

        // A thread with no event of its own between its start and its exit only waited (in Join, typically): drawn
        // as waiting, not as a busy thread.
        var active = events.Where(e => e.Kind is not (SimulationEventKind.ThreadStart or SimulationEventKind.ThreadExit))
            .Select(e => e.Thread).ToHashSet(StringComparer.Ordinal);

        foreach (var e in events)
        {
            if (e.Thread.Length > 0 && !threads.Contains(e.Thread))
            {
                threads.Add(e.Thread);
            }

            switch (e.Kind)
            {
                case SimulationEventKind.ThreadStart:
                    started[e.Thread] = e;
                    break;
                case SimulationEventKind.ThreadExit when started.Remove(e.Thread, out var start):
                    spans.Add(ThreadSpan(start, e.Cycle, active));
                    break;
                case SimulationEventKind.Delivery:
                    delivering[e.Core] = e;
                    pendingSince.Remove(e.Thread);
                    break;
                case SimulationEventKind.Notification:
                    pendingSince.TryAdd(e.Thread, e.Cycle);
                    instants.Add(Instant(e));
                    break;
                case SimulationEventKind.FlagChange when e.Detail.EndsWith("UIF = 0", StringComparison.Ordinal):
                    maskedSince.TryAdd(e.Thread, e.Cycle);
                    instants.Add(Instant(e));
                    break;
                case SimulationEventKind.FlagChange when e.Detail.EndsWith("UIF = 1", StringComparison.Ordinal):
                    // An interrupt recognized while UIF was 0 waited in UIRR until this STUI (or UIRET).
                    if (maskedSince.Remove(e.Thread, out long masked) && pendingSince.TryGetValue(e.Thread, out long pending))
                    {
                        spans.Add(new("pending while masked (UIF = 0)", "masked-pending", e.Core, e.Thread, Math.Max(masked, pending), e.Cycle, $"recognized at cycle {pending}, UIF = 0 since cycle {masked}, {e.Detail}"));
                    }

                    instants.Add(Instant(e));
                    break;
                case SimulationEventKind.Uiret when delivering.Remove(e.Core, out var delivery):
                    spans.Add(new($"trampoline (vector {delivery.Vector})", "trampoline", e.Core, delivery.Thread, delivery.Cycle, e.Cycle, delivery.Detail));
                    break;
                case SimulationEventKind.Syscall when e.Detail.EndsWith(" blocks", StringComparison.Ordinal):
                    // The task leaves its core (switch to the idle task) until the kernel wakes it.
                    blocked[e.Thread] = e;
                    instants.Add(new TimelineInstant($"switch out ({e.Detail})", "context-switch", e.Core, e.Thread, e.Cycle, e.Vector, e.Detail));
                    break;
                case SimulationEventKind.Interrupt when e.Detail.StartsWith("kernel wakes", StringComparison.Ordinal):
                    waking[e.Core] = e;
                    instants.Add(Instant(e));
                    break;
                case SimulationEventKind.Syscall when e.Detail.StartsWith("return to user", StringComparison.Ordinal):
                    if (blocked.Remove(e.Thread, out var block))
                    {
                        spans.Add(new($"blocked ({block.Detail})", "blocked", block.Core, e.Thread, block.Cycle, e.Cycle, block.Detail));
                    }

                    if (waking.Remove(e.Core, out var wake))
                    {
                        spans.Add(new("wake-up and context switch in", "context-switch", e.Core, e.Thread, wake.Cycle, e.Cycle, wake.Detail));
                    }

                    instants.Add(Instant(e));
                    break;
                default:
                    instants.Add(Instant(e));
                    break;
            }
        }

        // Threads still running and deliveries without UIRET (a fault) end where the trace ends.
        spans.AddRange(started.Values.Select(s => ThreadSpan(s, end, active)));
        spans.AddRange(delivering.Values.Select(d => new TimelineSpan($"trampoline (vector {d.Vector}, no UIRET)", "trampoline", d.Core, d.Thread, d.Cycle, end, d.Detail)));
        return new Timeline(cores, frequencyHz, threads, spans, instants, end);
    }

    private static TimelineSpan ThreadSpan(SimulationEvent start, long endCycle, HashSet<string> active) =>
        active.Contains(start.Thread)
            ? new($"thread {start.Thread}", "thread", start.Core, start.Thread, start.Cycle, endCycle, start.Detail)
            : new($"thread {start.Thread} (waiting: no activity of its own, e.g. in Join)", "waiting", start.Core, start.Thread, start.Cycle, endCycle, start.Detail);

    private static TimelineInstant Instant(SimulationEvent e)
    {
        string detail = e.Detail;
        var (name, category) = e.Kind switch
        {
            SimulationEventKind.Send => ("SENDUIPI", "send"),
            SimulationEventKind.Notification => ("notification", "notification"),
            SimulationEventKind.Interrupt => ("interrupt", "interrupt"),
            SimulationEventKind.Dispatch => ("handler", "handler"),
            SimulationEventKind.FlagChange => (FirstWord(detail, "UIF"), "flag"),
            SimulationEventKind.Fault => ("fault", "fault"),
            SimulationEventKind.Syscall when IsContextSwitch(detail) => ("context switch", "context-switch"),
            SimulationEventKind.Syscall => (FirstWord(detail, "syscall"), "syscall"),
            SimulationEventKind.Uiret => ("UIRET", "trampoline"),
            SimulationEventKind.Delivery => ("delivery", "trampoline"),
            _ => (e.Kind.ToString(), "thread"),
        };
        return new TimelineInstant(name, category, e.Core, e.Thread, e.Cycle, e.Vector, detail);
    }

    private static bool IsContextSwitch(string detail) =>
        detail.Contains("switch", StringComparison.OrdinalIgnoreCase) || detail.Contains("schedule", StringComparison.OrdinalIgnoreCase);

    private static string FirstWord(string detail, string fallback)
    {
        string word = detail.Split(new[] { ' ', '(', ':' }, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        return word.Length == 0 ? fallback : word;
    }
}
