using System;
using System.Collections.Generic;

namespace PingPong;

/// <summary>The mechanisms of the RFC's ping-pong table, plus futex as a reference for the bare kernel wake-up.</summary>
[Flags]
internal enum Mechanism
{
    None = 0,

    /// <summary>User IPI with the receiver blocked in uintr_wait (simulated only: no UINTR hardware here).</summary>
    BlockedUserIpi = 1,

    Signal = 2,
    Eventfd = 4,
    Pipe = 8,
    UnixSocket = 16,
    Futex = 32,

    /// <summary>
    /// User IPI on the emulated backend: the generated trampolines run natively, delivery is a real-time signal and UIRET a
    /// #UD trap (measured only; a real execution, not a hardware latency).
    /// </summary>
    EmulatedUserIpi = 64,

    All = BlockedUserIpi | Signal | Eventfd | Pipe | UnixSocket | Futex | EmulatedUserIpi,
}

/// <summary>Command-line names of <see cref="Mechanism"/> values.</summary>
internal static class MechanismNames
{
    private static readonly (string Name, Mechanism Value)[] s_names =
    {
        ("blocked", Mechanism.BlockedUserIpi),
        ("signal", Mechanism.Signal),
        ("eventfd", Mechanism.Eventfd),
        ("pipe", Mechanism.Pipe),
        ("unix", Mechanism.UnixSocket),
        ("futex", Mechanism.Futex),
        ("emulated", Mechanism.EmulatedUserIpi),
        ("all", Mechanism.All),
    };

    /// <summary>Every name <c>--mechanisms</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(s_names, n => n.Name);

    /// <summary>Parses "signal,eventfd,..."; null when a name is unknown.</summary>
    public static Mechanism? Parse(string list)
    {
        var result = Mechanism.None;
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.Find(s_names, n => n.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                return null;
            }

            result |= match.Value;
        }

        return result;
    }

    /// <summary>The single mechanisms in <paramref name="set"/>, in the RFC table's order.</summary>
    public static IEnumerable<Mechanism> Each(Mechanism set)
    {
        foreach (var value in new[] { Mechanism.BlockedUserIpi, Mechanism.Signal, Mechanism.Eventfd, Mechanism.Pipe, Mechanism.UnixSocket, Mechanism.Futex, Mechanism.EmulatedUserIpi })
        {
            if ((set & value) != 0)
            {
                yield return value;
            }
        }
    }
}
