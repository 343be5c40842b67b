using System;

namespace Uintr;

/// <summary>
/// The receiving side of one thread: its registered handler, one fd per declared vector, and the
/// pending word the trampoline sets. Handlers run only in <see cref="Poll"/> and <see cref="Wait"/>,
/// on the registering thread, highest vector first. Created by the generated
/// <c>RegisterUserInterrupts(UintrPlatform)</c>; disposing it closes the fds it owns and unregisters the handler.
/// </summary>
public abstract class UintrReceiver : IDisposable
{
    private long _droppedUndeclaredVectors;

    private protected UintrReceiver()
    {
    }

    /// <summary>
    /// Posts of vectors this receiver declares no handler for that reached its trampoline, taken from the pending word
    /// and dropped without running anything. On uintr-next a thread keeps its UPID and its registered vectors across
    /// registrations, so senders connected to an earlier receiver on the same thread (a reused pool thread) can still
    /// post to it; those posts land here instead of reaching a handler.
    /// </summary>
    public long DroppedUndeclaredVectors => System.Threading.Volatile.Read(ref _droppedUndeclaredVectors);

    /// <summary>The counter behind <see cref="DroppedUndeclaredVectors"/>, for the backends' dispatch loops.</summary>
    private protected ref long DroppedUndeclaredVectorsCounter => ref _droppedUndeclaredVectors;

    /// <summary>The platform the receiver is registered on.</summary>
    public abstract UintrPlatform Platform { get; }

    /// <summary>The vectors that have handlers, as a bit mask (bit n = vector n).</summary>
    public abstract ulong Vectors { get; }

    /// <summary>The fd of <paramref name="vector"/>, owned by the receiver (do not dispose it; use <see cref="UintrFd.Duplicate"/> for an owned reference).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The receiver declares no handler for <paramref name="vector"/>.</exception>
    public abstract UintrFd GetFd(int vector);

    /// <summary>Runs the handlers of all pending vectors, highest first, without waiting.</summary>
    /// <returns>The number of handlers run.</returns>
    public abstract int Poll();

    /// <summary>Parks the thread until at least one vector is pending (or <paramref name="timeout"/> passes), then runs the pending handlers.</summary>
    /// <param name="mode">Spin in user space or block in uintr_wait.</param>
    /// <param name="timeout">The longest wait; <see langword="null"/> waits forever.</param>
    /// <returns>The number of handlers run (0 on time-out).</returns>
    public abstract int Wait(UintrWaitMode mode, TimeSpan? timeout = null);

    /// <summary>
    /// How many times the trampoline has taken <paramref name="vector"/> since registration: every delivery counts, even
    /// when several of one vector run its handler once. Needs <c>[UserInterruptReceiver(CountDeliveries = true)]</c>.
    /// </summary>
    /// <param name="vector">The vector, 0 to 63.</param>
    /// <returns>The number of deliveries of <paramref name="vector"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vector"/> is not 0..63.</exception>
    /// <exception cref="InvalidOperationException">The receiver's trampoline does not count deliveries.</exception>
    public abstract long GetDeliveryCount(int vector);

    /// <summary>
    /// Blocks the calling thread in FUTEX_WAIT on the receiver's waiter word until the trampoline signals a delivery
    /// (it sets the word and calls FUTEX_WAKE), then clears the word. Meant for a thread other than the receiver: a
    /// thread blocked in the kernel does not take its own user interrupts, so the receiver uses <see cref="Wait"/>.
    /// Handlers still run only on the receiver thread. Needs <c>[UserInterruptReceiver(WakeWaiter = true)]</c>;
    /// dispose the receiver only after its waiters have returned.
    /// </summary>
    /// <param name="timeout">The longest wait; <see langword="null"/> waits forever.</param>
    /// <returns><see langword="true"/> when a delivery was signalled, <see langword="false"/> on time-out or when the receiver was disposed.</returns>
    /// <exception cref="InvalidOperationException">The trampoline does not wake waiters, or the caller is the receiver thread.</exception>
    public abstract bool WaitForDelivery(TimeSpan? timeout = null);

    /// <summary>
    /// Told about every handler the receiver runs, on the receiver thread, right after it ran: its vector, and the
    /// exception it threw (which then does not propagate out of <see cref="Poll"/> or <see cref="Wait"/>, and the
    /// remaining pending vectors are still dispatched). Set by <see cref="UintrReceiverThread"/>; null otherwise.
    /// </summary>
    internal Action<int, Exception?>? HandlerObserver { get; set; }

    /// <summary>Runs the handler of <paramref name="vector"/> through <paramref name="dispatch"/> (the generated switch), and reports it to <see cref="HandlerObserver"/>.</summary>
    private protected void RunHandler(Action<int> dispatch, int vector)
    {
        var observer = HandlerObserver;
        if (observer is null)
        {
            dispatch(vector);
            return;
        }

        Exception? failure = null;
        try
        {
            dispatch(vector);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        observer(vector, failure);
    }

    /// <summary>Closes the fds the receiver owns and unregisters the handler (uintr_unregister_handler).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the registration.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
