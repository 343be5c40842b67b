using System;
using System.Numerics;

namespace Uintr.Hardware;

/// <summary>Runs the handlers of the vectors a receiver's trampoline marked pending, as the hardware orders them.</summary>
internal static class PendingVectorDispatcher
{
    /// <summary>
    /// Takes the highest pending vector, clears its bit atomically, runs its handler, and repeats until the word
    /// is zero. One vector at a time: a handler that throws leaves every lower vector pending, and a vector the
    /// trampoline sets meanwhile is picked up in priority order.
    /// </summary>
    /// <returns>The number of handlers run.</returns>
    public static int DispatchAll(ReceiverNativeState state, Action<int> dispatch)
    {
        int ran = 0;
        for (ulong word = state.ReadPending(); word != 0; word = state.ReadPending())
        {
            int vector = 63 - BitOperations.LeadingZeroCount(word);
            state.ClearPending(vector);
            ran++;
            dispatch(vector);
        }

        return ran;
    }
}
