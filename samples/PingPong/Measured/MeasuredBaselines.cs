using System;
using System.Collections.Generic;

namespace PingPong.Measured;

/// <summary>Which baseline mechanisms can be measured here, and their channels.</summary>
internal static class MeasuredBaselines
{
    /// <summary>The measurable mechanisms in <paramref name="selected"/> (the blocked user IPI needs UINTR hardware).</summary>
    public static IEnumerable<Mechanism> Measurable(Mechanism selected)
    {
        foreach (var mechanism in MechanismNames.Each(selected))
        {
            if (mechanism != Mechanism.BlockedUserIpi)
            {
                yield return mechanism;
            }
        }
    }

    /// <summary>A fresh channel for <paramref name="mechanism"/>.</summary>
    public static MeasuredChannel Create(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Signal => new SignalChannel(),
        Mechanism.Eventfd => EventfdChannel.Create(),
        Mechanism.Pipe => PipeChannel.Create(),
        Mechanism.UnixSocket => UnixSocketChannel.Create(),
        Mechanism.Futex => new FutexChannel(),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Not measurable on this machine."),
    };
}
