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
            // The emulated user IPI needs x86-64 (its handlers are x86 machine code); Linux is checked by the caller.
            if (mechanism != Mechanism.BlockedUserIpi
                && (mechanism != Mechanism.EmulatedUserIpi || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64))
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
        Mechanism.EmulatedUserIpi => new EmulatedUserIpiChannel(),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Not measurable on this machine."),
    };
}
