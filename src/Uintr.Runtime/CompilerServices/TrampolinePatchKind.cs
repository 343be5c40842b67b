using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>The per-thread addresses a trampoline may have baked in.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum TrampolinePatchKind
{
    /// <summary>The receiver's 64-bit pending word: the trampoline sets bit <c>vector</c> with LOCK BTS.</summary>
    PendingWordAddress,
    /// <summary>An array of 64 64-bit delivery counters, one per vector.</summary>
    DeliveryCounterArrayAddress,
    /// <summary>The 32-bit word a blocked waiter sleeps on (futex-style wake-up).</summary>
    WaiterWordAddress,
}
