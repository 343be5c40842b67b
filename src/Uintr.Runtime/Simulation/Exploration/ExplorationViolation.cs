namespace Uintr.Simulation.Exploration;

/// <summary>Which invariant a schedule broke.</summary>
internal enum ViolationKind
{
    /// <summary>A send of a vector was never followed by a delivery of that vector (a lost interrupt).</summary>
    LostInterrupt,

    /// <summary>A delivery had no send of its vector to account for it.</summary>
    SpuriousDelivery,

    /// <summary>A delivery happened while the receiver had UIF = 0 or was not running user code.</summary>
    DeliveryWhileMasked,

    /// <summary>
    /// A lost wake-up: the receiver sleeps in uintr_wait although a vector it was sent is already in its pending word
    /// (the runtime's wait window), or it stays blocked although a wake-up was sent (a deadlock).
    /// </summary>
    LostWakeUp,

    /// <summary>A delivery chose a vector while a higher one was recognized (UIRRV is the highest set bit of UIRR).</summary>
    PriorityInversion,

    /// <summary>The handler started with UIF = 1 (delivery must clear it).</summary>
    UifSetInHandler,

    /// <summary>UIF was still 0 after the handler's UIRET (UIRET must set it).</summary>
    UifNotRestored,

    /// <summary>The frame at handler entry was not [RSP] = vector, RIP, RFLAGS, old RSP on an aligned stack below the red zone.</summary>
    FrameContents,

    /// <summary>SENDUIPI broke the UPID protocol: no PIR bit, ON not set when it notified, or a notification while ON was set.</summary>
    NotificationProtocol,

    /// <summary>A CLUI right after STUI ran while a recognized interrupt was deliverable: STUI's boundary delivered nothing.</summary>
    DeliveryBoundaryMissed,

    /// <summary>uintr_wait returned at once with nothing posted in PIR (a masked wait that busy-loops).</summary>
    WaitEndedWithoutWakeUp,

    /// <summary>A delivery happened while a notification that had reached the core by its boundary was still unacknowledged.</summary>
    RecognitionSkipped,

    /// <summary>SENDUIPI still worked after exec (exec must reset IA32_UINTR_TT on the CPU the task runs on).</summary>
    ExecKeptSenduipi,

    /// <summary>PIR still held a vector after the task work of its last close ran (receiver_clear_uvec clears it).</summary>
    ReleasedVectorPending,

    /// <summary>A SpinUntil returned long after another thread's write made its condition true (seen only at its deadline).</summary>
    SpinSawLate,

    /// <summary>A thread's Send faulted although its process has a UITT and the thread registered a sender.</summary>
    SendFaulted,

    /// <summary>The machine model itself stopped the schedule (a context not preserved, an unexpected fault).</summary>
    MachineError,
}

/// <summary>One broken invariant, with the seed that reproduces the schedule.</summary>
internal sealed record ExplorationViolation(int Seed, ViolationKind Kind, int Vector, long Cycle, string Detail)
{
    public override string ToString() => $"seed {Seed}: {Kind} of vector {Vector} at cycle {Cycle}: {Detail}";
}
