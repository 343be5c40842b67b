using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Uintr.Async;

namespace Uintr;

/// <summary>
/// A dedicated receiver thread that other code can await. It registers one generated receiver type on a thread of
/// its own (<see cref="UintrPlatform.StartThread"/>: a real thread on hardware, a simulated one on the simulator),
/// blocks in <see cref="UintrReceiver.Wait"/> with <see cref="UintrWaitMode.Block"/> while idle, and runs the
/// handlers there. Any thread can then await the next run of a vector's handler
/// (<see cref="WaitForDeliveryAsync"/>), read every run (<see cref="Subscribe"/>, <see cref="ReadDeliveriesAsync"/>),
/// or run async code on the receiver thread next to the handlers (<see cref="RunAsync(Func{Task})"/>,
/// <see cref="SynchronizationContext"/>, <see cref="Scheduler"/>).
/// </summary>
/// <remarks>
/// <para>One receiver type per thread: the kernel keeps one handler per thread (uintr_register_handler fails with
/// EBUSY on a thread that has one), so each receiver type needs a thread, and a <see cref="UintrReceiverThread"/>, of
/// its own.</para>
/// <para>A handler's exception is never lost: it faults the tasks awaiting that vector, reaches every subscription as
/// <see cref="UintrDelivery.Exception"/>, and raises <see cref="HandlerFailed"/>. When none of these observed it, the
/// receiver thread stops and <see cref="Dispose"/> rethrows it.</para>
/// <para><see cref="Dispose"/> ends the thread, disposes the receiver on it (closing its fds), cancels every pending
/// <see cref="WaitForDeliveryAsync"/> and completes every subscription.</para>
/// <para>On the simulator, only simulated threads may call into the simulator: await from async code that runs on the
/// receiver thread (<see cref="RunAsync(Func{Task})"/>), or, on another simulated thread, wait for a task with
/// <c>platform.SpinUntil(() =&gt; task.IsCompleted)</c>, which lets simulated time pass. A continuation that runs on the
/// thread pool must not call the simulator.</para>
/// </remarks>
public sealed class UintrReceiverThread : IDisposable
{
    /// <summary>How long the thread blocks in one <see cref="UintrReceiver.Wait"/> before it looks at posted work and disposal, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultIdleWakeInterval = TimeSpan.FromMilliseconds(1);

    private const int Starting = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    // Posted work left when the thread stops is run at most this many items more, so work that keeps posting ends.
    private const int DrainLimit = 10_000;

    private readonly object _gate = new();
    private readonly Func<UintrPlatform, UintrReceiver> _register;
    private readonly TimeSpan _idleWakeInterval;
    private readonly List<DeliveryWaiter>?[] _waiters = new List<DeliveryWaiter>?[64];
    private readonly List<UintrDeliverySubscription> _subscriptions = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly HashSet<IRunAsyncCompletion> _running = new();
    private readonly ReceiverThreadSynchronizationContext _context;
    private readonly ReceiverThreadTaskScheduler _scheduler;
    private UintrThread? _thread;
    private UintrReceiver? _receiver;
    private int _state = Starting;
    private int _pendingWaits;
    private long _sequence;
    private volatile bool _stopRequested;
    private int _disposed;
    private int _threadId = -1;
    private Exception? _startFailure;
    private ExceptionDispatchInfo? _fault;

    private UintrReceiverThread(UintrPlatform platform, string name, Func<UintrPlatform, UintrReceiver> register, TimeSpan idleWakeInterval)
    {
        Platform = platform;
        Name = name;
        _register = register;
        _idleWakeInterval = idleWakeInterval;
        _context = new ReceiverThreadSynchronizationContext(this);
        _scheduler = new ReceiverThreadTaskScheduler(this);
    }

    /// <summary>
    /// Starts a receiver thread named <paramref name="name"/> on <paramref name="platform"/> and registers
    /// <paramref name="register"/> on it (a generated <c>RegisterUserInterrupts</c>, such as
    /// <c>Doorbell.RegisterUserInterrupts</c>); returns once the receiver is registered.
    /// </summary>
    /// <param name="platform">The hardware or the simulator.</param>
    /// <param name="name">The thread's name (traces, error messages).</param>
    /// <param name="register">Registers the receiver type on the calling thread (the new thread).</param>
    /// <param name="idleWakeInterval">
    /// The longest a <see cref="UintrReceiver.Wait"/> blocks before the thread runs work posted from other threads and
    /// notices <see cref="Dispose"/> (deliveries end the wait at once); <see langword="null"/> for
    /// <see cref="DefaultIdleWakeInterval"/>.
    /// </param>
    /// <returns>The running receiver thread; dispose it to end the thread.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="idleWakeInterval"/> is not positive.</exception>
    /// <exception cref="UintrException">The registration failed (the kernel's errno); nothing is left running.</exception>
    public static UintrReceiverThread Start(UintrPlatform platform, string name, Func<UintrPlatform, UintrReceiver> register, TimeSpan? idleWakeInterval = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(register);
        var interval = idleWakeInterval ?? DefaultIdleWakeInterval;
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(idleWakeInterval), interval, "The idle wake interval must be positive.");
        }

        var receiverThread = new UintrReceiverThread(platform, name, register, interval);
        receiverThread._thread = platform.StartThread(name, receiverThread.Run);
        platform.SpinUntil(() => Volatile.Read(ref receiverThread._state) != Starting);
        if (receiverThread._startFailure is { } failure)
        {
            receiverThread._thread.Join();
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return receiverThread;
    }

    /// <summary>The platform the thread runs on.</summary>
    public UintrPlatform Platform { get; }

    /// <summary>The thread's name.</summary>
    public string Name { get; }

    /// <summary>The vectors the registered receiver handles (bit n = vector n).</summary>
    public ulong Vectors => _receiver?.Vectors ?? 0;

    /// <summary>Whether the thread still runs (false once it stopped: disposed, or ended by an unobserved handler exception).</summary>
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>
    /// Runs posted callbacks on the receiver thread, in order, between waits: set as the thread's current context, so
    /// an <c>await</c> in code running there continues there. <c>Send</c> works only on the receiver thread itself.
    /// </summary>
    public SynchronizationContext SynchronizationContext => _context;

    /// <summary>Runs tasks on the receiver thread (<c>Task.Factory.StartNew(..., scheduler)</c>), like <see cref="SynchronizationContext"/>.</summary>
    public TaskScheduler Scheduler => _scheduler;

    /// <summary>
    /// Raised on the receiver thread when a handler (or a callback posted to <see cref="SynchronizationContext"/>)
    /// throws. An exception thrown by an event handler stops the receiver thread; <see cref="Dispose"/> rethrows it.
    /// </summary>
    public event EventHandler<UintrHandlerFailedEventArgs>? HandlerFailed;

    /// <summary>The number of <see cref="WaitForDeliveryAsync"/> calls still waiting (for tests and diagnostics).</summary>
    internal int PendingWaitCount => Volatile.Read(ref _pendingWaits);

    /// <summary>The fd of <paramref name="vector"/>, owned by the receiver thread (do not dispose it; <see cref="UintrFd.Duplicate"/> gives an owned reference).</summary>
    /// <exception cref="ObjectDisposedException">The thread was disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The receiver declares no handler for <paramref name="vector"/>.</exception>
    public UintrFd GetFd(int vector)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 || _receiver is null, this);
        return _receiver.GetFd(vector);
    }

    /// <summary>
    /// Completes after the next run of <paramref name="vector"/>'s handler on the receiver thread (a run that starts
    /// after this call), with that delivery; faults with the handler's exception when it threw.
    /// </summary>
    /// <param name="vector">A vector the receiver handles.</param>
    /// <param name="cancellationToken">Cancels the wait (the task is then canceled and the delivery not taken from anyone).</param>
    /// <returns>The delivery. The task is canceled when the thread is disposed first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The receiver declares no handler for <paramref name="vector"/>.</exception>
    /// <exception cref="ObjectDisposedException">The thread was disposed or has stopped.</exception>
    public Task<UintrDelivery> WaitForDeliveryAsync(int vector, CancellationToken cancellationToken = default)
    {
        if (vector is < 0 or > 63 || (Vectors & (1UL << vector)) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vector), vector, $"The receiver of '{Name}' declares no handler for vector {vector} (vector mask 0x{Vectors:X}).");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<UintrDelivery>(cancellationToken);
        }

        var waiter = new DeliveryWaiter(this, vector);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state != Running, this);
            (_waiters[vector] ??= new List<DeliveryWaiter>()).Add(waiter);
            _pendingWaits++;
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Registered after the waiter is listed: a token cancelled meanwhile runs the callback here, which unlists it.
            waiter.Registration = cancellationToken.Register(static state => ((DeliveryWaiter)state!).Cancel(), waiter);
        }

        return waiter.Task;
    }

    /// <summary>
    /// Every delivery from now on, as a channel (<see cref="UintrDeliverySubscription.Reader"/>); dispose the
    /// subscription to stop. Holds at most <paramref name="capacity"/> unread deliveries, dropping the oldest beyond.
    /// </summary>
    /// <param name="capacity">The most unread deliveries kept.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public UintrDeliverySubscription Subscribe(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var subscription = new UintrDeliverySubscription(this, capacity);
        lock (_gate)
        {
            if (_state == Running)
            {
                _subscriptions.Add(subscription);
                return subscription;
            }
        }

        subscription.Complete();
        return subscription;
    }

    /// <summary>Every delivery from now on, as an async stream that ends when the thread stops (or <paramref name="cancellationToken"/> is cancelled).</summary>
    /// <param name="cancellationToken">Ends the enumeration with <see cref="OperationCanceledException"/>.</param>
    public async IAsyncEnumerable<UintrDelivery> ReadDeliveriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var subscription = Subscribe();
        await foreach (var delivery in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return delivery;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the receiver thread; its awaits continue there.</summary>
    /// <param name="work">The async code.</param>
    /// <returns>Completes as <paramref name="work"/>'s task does; canceled when the thread stops first.</returns>
    /// <exception cref="ObjectDisposedException">The thread was disposed or has stopped.</exception>
    public Task RunAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new RunAsyncCompletion<bool>();
        Start(completion, async () =>
        {
            await work().ConfigureAwait(true);
            return true;
        });
        return completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the receiver thread; its awaits continue there.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The async code.</param>
    /// <returns>Completes as <paramref name="work"/>'s task does; canceled when the thread stops first.</returns>
    /// <exception cref="ObjectDisposedException">The thread was disposed or has stopped.</exception>
    public Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new RunAsyncCompletion<T>();
        Start(completion, work);
        return completion.Task;
    }

    /// <summary>
    /// Ends the thread: it leaves its wait within the idle wake interval, runs the work already posted, disposes the
    /// receiver (closing its fds), cancels every pending wait and completes every subscription. Called on another
    /// thread, waits for the thread to end; called on the receiver thread itself, the thread ends after the current work.
    /// </summary>
    /// <exception cref="Exception">A handler exception nobody observed (see <see cref="HandlerFailed"/>) stopped the thread: it is rethrown here, once.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopRequested = true;
        if (Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId))
        {
            return;
        }

        _thread!.Join();
    }

    internal bool IsReceiverThread => Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId);

    /// <summary>
    /// Queues a callback for the receiver thread (SynchronizationContext.Post, the task scheduler). Once the thread
    /// has stopped, the callback runs on the thread pool instead: it is usually the continuation of an await that the
    /// stop cancelled, which must still run to observe the cancellation, and Post must not throw on the thread that
    /// completed the awaited task.
    /// </summary>
    internal void Post(SendOrPostCallback callback, object? state)
    {
        lock (_gate)
        {
            if (_state != Stopped)
            {
                _work.Enqueue((callback, state));
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static item =>
            {
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception exception)
                {
                    // No thread left to stop; the event is the one place the exception can go.
                    item.Owner.HandlerFailed?.Invoke(item.Owner, new UintrHandlerFailedEventArgs(-1, exception));
                }
            },
            (Owner: this, Callback: callback, State: state),
            preferLocal: false);
    }

    internal void Unsubscribe(UintrDeliverySubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private void Start<T>(RunAsyncCompletion<T> completion, Func<Task<T>> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == Stopped || _disposed != 0, this);
            _running.Add(completion);
        }

        Post(
            _ =>
            {
                Task<T> task;
                try
                {
                    task = work();
                }
                catch (Exception exception)
                {
                    task = Task.FromException<T>(exception);
                }

                task.ContinueWith(
                    (finished, state) =>
                    {
                        var (owner, done) = ((UintrReceiverThread, RunAsyncCompletion<T>))state!;
                        done.CompleteFrom(finished);
                        lock (owner._gate)
                        {
                            owner._running.Remove(done);
                        }
                    },
                    (this, completion),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            },
            null);
    }

    /// <summary>The thread's body.</summary>
    private void Run()
    {
        Volatile.Write(ref _threadId, Environment.CurrentManagedThreadId);
        SynchronizationContext.SetSynchronizationContext(_context);
        UintrReceiver receiver;
        try
        {
            receiver = _register(Platform);
        }
        catch (Exception exception)
        {
            _startFailure = exception;
            Stop();
            return;
        }

        _receiver = receiver;
        receiver.HandlerObserver = OnHandlerRan;
        Volatile.Write(ref _state, Running);
        try
        {
            while (!_stopRequested && _fault is null)
            {
                RunPostedWork(int.MaxValue);
                if (_stopRequested || _fault is not null)
                {
                    break;
                }

                receiver.Wait(UintrWaitMode.Block, _idleWakeInterval);
            }
        }
        catch (Exception exception)
        {
            // Wait itself failed (a fault in delivery, a deadlock on the simulator): the thread cannot go on.
            _fault ??= ExceptionDispatchInfo.Capture(exception);
        }
        finally
        {
            receiver.HandlerObserver = null;
            receiver.Dispose();
            Stop();
            SynchronizationContext.SetSynchronizationContext(null);
        }

        _fault?.Throw();
    }

    /// <summary>Runs on the receiver thread right after a handler ran (inside <see cref="UintrReceiver.Wait"/>).</summary>
    private void OnHandlerRan(int vector, Exception? exception)
    {
        var delivery = new UintrDelivery(vector, ++_sequence, Platform.GetTimestamp(), exception);
        List<DeliveryWaiter>? waiters;
        UintrDeliverySubscription[] subscriptions;
        lock (_gate)
        {
            waiters = _waiters[vector];
            _waiters[vector] = null;
            _pendingWaits -= waiters?.Count ?? 0;
            subscriptions = _subscriptions.ToArray();
        }

        bool observed = false;
        if (waiters is not null)
        {
            foreach (var waiter in waiters)
            {
                observed |= waiter.Complete(delivery);
            }
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Publish(delivery);
            observed = true;
        }

        if (exception is not null)
        {
            Report(vector, exception, observed);
        }
    }

    private void Report(int vector, Exception exception, bool observed)
    {
        if (HandlerFailed is { } handlers)
        {
            try
            {
                handlers(this, new UintrHandlerFailedEventArgs(vector, exception));
                observed = true;
            }
            catch (Exception handlerException)
            {
                _fault ??= ExceptionDispatchInfo.Capture(handlerException);
                return;
            }
        }

        if (!observed)
        {
            _fault ??= ExceptionDispatchInfo.Capture(exception);
        }
    }

    private void RunPostedWork(int limit)
    {
        for (int i = 0; i < limit; i++)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_work.TryDequeue(out item))
                {
                    return;
                }
            }

            try
            {
                item.Callback(item.State);
            }
            catch (Exception exception)
            {
                Report(-1, exception, observed: false);
            }
        }
    }

    /// <summary>On the receiver thread, at the end: no new waits; cancel the pending ones; complete subscriptions; drain posted work.</summary>
    private void Stop()
    {
        List<DeliveryWaiter> waiters = new();
        UintrDeliverySubscription[] subscriptions;
        lock (_gate)
        {
            _state = Stopped;
            for (int vector = 0; vector < _waiters.Length; vector++)
            {
                if (_waiters[vector] is { } list)
                {
                    waiters.AddRange(list);
                    _waiters[vector] = null;
                }
            }

            _pendingWaits = 0;
            subscriptions = _subscriptions.ToArray();
            _subscriptions.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.CancelForDisposal();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }

        // Continuations of the cancelled waits and work posted before the stop still run here, on this thread.
        RunPostedWork(DrainLimit);
        IRunAsyncCompletion[] unfinished;
        lock (_gate)
        {
            unfinished = new IRunAsyncCompletion[_running.Count];
            _running.CopyTo(unfinished);
            _running.Clear();
            _work.Clear();
        }

        foreach (var completion in unfinished)
        {
            completion.Cancel();
        }
    }

    /// <summary>One pending <see cref="WaitForDeliveryAsync"/>.</summary>
    private sealed class DeliveryWaiter(UintrReceiverThread owner, int vector)
    {
        private readonly TaskCompletionSource<UintrDelivery> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<UintrDelivery> Task => _completion.Task;

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>Completes with the delivery (or the handler's exception); false when cancellation won the race.</summary>
        public bool Complete(UintrDelivery delivery)
        {
            Registration.Unregister();
            return delivery.Exception is { } exception ? _completion.TrySetException(exception) : _completion.TrySetResult(delivery);
        }

        public void Cancel()
        {
            bool listed;
            lock (owner._gate)
            {
                listed = owner._waiters[vector]?.Remove(this) == true;
                if (listed)
                {
                    owner._pendingWaits--;
                }
            }

            // Unlisted means a delivery or the disposal took it first, and completes it.
            if (listed)
            {
                _completion.TrySetCanceled(Registration.Token);
            }
        }

        public void CancelForDisposal()
        {
            Registration.Unregister();
            _completion.TrySetCanceled();
        }
    }
}
