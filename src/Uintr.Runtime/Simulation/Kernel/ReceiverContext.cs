namespace Uintr.Simulation.Kernel;

/// <summary>
/// The kernel's per-receiver-thread UINTR data: the UPID it allocated and the vectors with open fds. It outlives
/// the task while senders still reference it ("the kernel keeps the UPID alive and sends go nowhere").
/// </summary>
internal sealed class ReceiverContext
{
    public ReceiverContext(SimTask task, ulong upidAddress, ulong handler)
    {
        Task = task;
        UpidAddress = upidAddress;
        Handler = handler;
    }

    public SimTask Task { get; }

    public ulong UpidAddress { get; }

    /// <summary>The registered handler (uintr-next re-registration on the same thread reuses this context and its UPID).</summary>
    public ulong Handler { get; set; }

    /// <summary>The register_handler flags (uintr-next: UINTR_HANDLER_FLAG_WAITING_*).</summary>
    public uint Flags { get; set; }

    /// <summary>Whether a sleeping receiver is woken by notifications (RFC v1 always; uintr-next with UINTR_HANDLER_FLAG_WAITING_RECEIVER).</summary>
    public bool WakesFromSleep { get; set; }

    /// <summary>Bit n set while vector n has an fd (create_fd until the last close).</summary>
    public ulong RegisteredVectors { get; set; }

    /// <summary>Vectors whose last fd was closed by another task: unregistered when the receiver next runs task work.</summary>
    public ulong PendingUnregister { get; set; }

    /// <summary>The handler was unregistered (uintr_unregister_handler).</summary>
    public bool HandlerUnregistered { get; set; }

    /// <summary>The receiver task exited.</summary>
    public bool Exited { get; set; }
}
