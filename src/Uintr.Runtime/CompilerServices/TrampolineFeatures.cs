using System;
using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>The optional behaviours of a generated trampoline (the default is the pending bit only).</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum TrampolineFeatures
{
    /// <summary>Set the vector's pending bit, drop the vector, UIRET.</summary>
    None = 0,
    /// <summary>Also count deliveries per vector.</summary>
    DeliveryCounters = 1,
    /// <summary>Also wake a blocked waiter with a raw system call.</summary>
    WakeWaiter = 2,
    /// <summary>The receiver runs the trampoline on an alternate stack (STACKADJUST bit 0) instead of skipping the red zone.</summary>
    AlternateStack = 4,
    /// <summary>Begins with ENDBR64 for CET indirect-branch tracking.</summary>
    EndBranch = 8,
}
