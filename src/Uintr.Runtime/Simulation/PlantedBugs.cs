using System;

namespace Uintr.Simulation;

/// <summary>
/// Deliberate defects, switched on one at a time by the schedule explorer's tests to prove that each of its oracles
/// finds the bug it exists for (mutation testing by hand, for bugs a tool would not think of). Internal: no public
/// option reaches them, and every machine a user builds has <see cref="None"/>.
/// </summary>
[Flags]
internal enum PlantedBugs
{
    /// <summary>The model as specified.</summary>
    None = 0,

    /// <summary>SENDUIPI posts PIR and notifies but never sets UPID.ON, so nothing coalesces the notifications.</summary>
    SenduipiNeverSetsOn = 1 << 0,

    /// <summary>SENDUIPI notifies even when UPID.ON is already set (coalescing broken on the sender side).</summary>
    SenduipiIgnoresOn = 1 << 1,

    /// <summary>Delivery leaves UIF = 1, so the handler can be interrupted by the next user interrupt.</summary>
    DeliveryLeavesUifSet = 1 << 2,

    /// <summary>Delivery picks the lowest recognized vector instead of UIRRV (the highest).</summary>
    LowestVectorFirst = 1 << 3,

    /// <summary>Delivery ignores UIF: a recognized interrupt is delivered inside a CLUI window.</summary>
    DeliveryIgnoresUif = 1 << 4,

    /// <summary>Delivery pushes the interrupted RIP where RFLAGS belongs and RFLAGS where RIP belongs.</summary>
    FrameSwapsRipAndRflags = 1 << 5,

    /// <summary>UIRET leaves UIF = 0, so no further user interrupt is delivered.</summary>
    UiretLeavesUifClear = 1 << 6,

    /// <summary>uintr_wait sleeps without re-checking for pending interrupts after arming the wake-up vector (a lost wake-up).</summary>
    WaitSkipsPendingCheck = 1 << 7,

    /// <summary>RFC v1's last close leaves the vector's PIR bit (receiver_clear_uvec does not clear it), so a post made before the close is still delivered.</summary>
    LastCloseKeepsPirBit = 1 << 8,

    /// <summary>STUI's delivery check comes after the next instruction has begun, so <c>STUI; CLUI</c> never delivers what is already recognized.</summary>
    StuiOpensNoWindow = 1 << 9,

    /// <summary>uintr_wait returns EINTR whenever UIRR is not 0, even with UIF = 0, so a masked Wait(Block) busy-loops.</summary>
    MaskedWaitReturnsAtOnce = 1 << 10,

    /// <summary>Back-to-back deliveries run as one chain, so a notification that arrives meanwhile is recognized only after it.</summary>
    DeliveryChainSkipsRecognition = 1 << 11,

    /// <summary>exec replaces only the task's saved UINTR state: the CPU it runs on keeps IA32_UINTR_TT, so SENDUIPI still works.</summary>
    ExecKeepsSenduipi = 1 << 12,

    /// <summary>SpinUntil re-checks its condition only when another thread parks or at its deadline, not as the running thread makes progress (a livelock on a handshake).</summary>
    SpinUntilSeesOnlyParking = 1 << 13,

    /// <summary>
    /// uintr-next: the first sender registration of a process writes IA32_UINTR_TT of every thread into its state object,
    /// lost for a switched-out thread when XRSTORS reloads its image, and there is no #UD fix-up.
    /// </summary>
    SharedUittWritesStaleState = 1 << 14,
}

/// <summary>Tests for <see cref="PlantedBugs"/>.</summary>
internal static class PlantedBugsExtensions
{
    /// <summary>Whether <paramref name="bug"/> is planted in <paramref name="bugs"/>.</summary>
    public static bool Has(this PlantedBugs bugs, PlantedBugs bug) => (bugs & bug) != 0;
}
