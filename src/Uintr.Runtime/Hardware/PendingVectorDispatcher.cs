using System;
using System.Numerics;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>Runs the handlers of the vectors a receiver's trampoline marked pending, as the hardware orders them.</summary>
internal static class PendingVectorDispatcher
{
    /// <summary>
    /// Takes the highest pending vector, clears its bit atomically, runs its handler, and repeats until the word
    /// is zero. One vector at a time: a handler that throws leaves every lower vector pending, and a vector the
    /// trampoline sets meanwhile is picked up in priority order.
    /// </summary>
    /// <remarks>
    /// Bits outside <paramref name="declared"/> are taken and counted in <paramref name="dropped"/>, never dispatched:
    /// uintr-next keeps a thread's UPID and its registered vectors across unregister/register
    /// (arch/x86/kernel/uintr.c, do_uintr_register_handler and do_uintr_register_vector, intel/uintr-linux-kernel
    /// fed8dc12), and switch_uintr_return re-sends posts still in the PIR, so an earlier receiver's senders can reach
    /// a new receiver's trampoline on a reused thread. Such a post is not this receiver's, and dispatch must not throw.
    /// </remarks>
    /// <returns>The number of handlers run.</returns>
    public static int DispatchAll(ReceiverNativeState state, ulong declared, Action<int> dispatch, ref long dropped)
    {
        int ran = 0;
        for (ulong word = state.ReadPending(); word != 0; word = state.ReadPending())
        {
            if ((word & ~declared) != 0)
            {
                ulong taken = state.TakePending(~declared) & ~declared;
                Interlocked.Add(ref dropped, BitOperations.PopCount(taken));
                continue;
            }

            int vector = 63 - BitOperations.LeadingZeroCount(word);
            state.ClearPending(vector);
            ran++;
            dispatch(vector);
        }

        return ran;
    }
}
