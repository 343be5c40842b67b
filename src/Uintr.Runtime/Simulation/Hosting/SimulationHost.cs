using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Simulation.Hosting;

/// <summary>
/// Runs application threads on the simulated machine one at a time. A thread holds the baton while its managed code
/// runs; every modelled step advances the clock, and whenever an event (a hardware event or another thread's turn)
/// is due before the step ends, the thread yields and the host processes events in cycle order on the yielding
/// host thread, then hands the baton to whichever thread is next. Nothing depends on host timing, so runs are
/// deterministic.
/// </summary>
internal sealed class SimulationHost : ISimulationObserver
{
    private const ulong StackSize = 64 * 1024;

    private readonly ThreadLocal<HostedThread?> _current = new();
    private readonly List<HostedThread> _threads = new();
    private readonly object _adoptionLock = new();
    private HostedThread? _running;

    /// <summary>Threads parked in SpinUntil: while there are any, a running thread's progress is something they watch.</summary>
    private int _spinning;

    /// <summary>The planted defect of the explorer's handshake test (<see cref="PlantedBugs.SpinUntilSeesOnlyParking"/>).</summary>
    private readonly bool _spinSeesOnlyParking;

    /// <summary>The cycle <see cref="SimulatorOptions.TimeLimit"/> names (long.MaxValue without a limit).</summary>
    private readonly long _timeLimit;

    /// <summary>The time limit was reported: the threads unwind from then on without a second report.</summary>
    private bool _timeLimitReached;

    public SimulationHost(UintrSimulator platform, SimulatedMachine machine)
    {
        Platform = platform;
        Machine = machine;
        Process = machine.Kernel.CreateProcess();
        machine.Observer = this;
        _spinSeesOnlyParking = machine.Kernel.Options.PlantedBugs.Has(PlantedBugs.SpinUntilSeesOnlyParking);
        _timeLimit = platform.Options.TimeLimit is { } limit ? platform.ToCycles(limit) : long.MaxValue;
    }

    public UintrSimulator Platform { get; }

    public SimulatedMachine Machine { get; }

    public SimProcess Process { get; }

    public long Now => Machine.Now;

    /// <summary>
    /// The simulated thread of the calling host thread. A host thread that is not simulated yet (a program's main
    /// thread) is adopted when the simulator is idle.
    /// </summary>
    public HostedThread Current()
    {
        if (_current.Value is { } current)
        {
            return current;
        }

        lock (_adoptionLock)
        {
            if (_running is not null)
            {
                throw new InvalidOperationException(
                    $"The simulator is being driven by simulated thread '{_running.Name}'; call it from that thread or from a thread started with StartThread.");
            }

            string name = Thread.CurrentThread.Name is { Length: > 0 } hostName ? hostName : "main";
            var adopted = CreateThread(name, body: null, Process);
            BindHostThread(adopted);
            adopted.State = HostedThreadState.Running;
            _running = adopted;
            return adopted;
        }
    }

    public HostedThread Start(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var process = Current().Task.Process;
        return StartIn(process, name, body);
    }

    /// <summary>Starts <paramref name="body"/> on a new simulated thread of <paramref name="process"/>.</summary>
    public HostedThread StartIn(SimProcess process, string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var thread = CreateThread(name, body, process);
        var hostThread = new Thread(thread.RunOnHostThread) { IsBackground = true, Name = "uintr-sim: " + name };
        hostThread.Start();
        ScheduleResume(thread, Now);
        return thread;
    }

    /// <summary>
    /// The calling simulated thread, which must belong to <paramref name="owner"/>: an fd number means something only in
    /// its own process's fd table. On Linux an object of another process cannot even be reached; in one host process
    /// it can, so the simulator refuses it instead of resolving the number in the wrong table.
    /// </summary>
    public HostedThread CurrentIn(SimProcess owner, object what)
    {
        var thread = Current();
        var process = thread.Task.Process;
        if (process != owner)
        {
            throw new InvalidOperationException(
                $"{what} belongs to simulated process {owner.Pid} ('{owner.Name}'), but thread '{thread.Name}' runs in process {process.Pid} ('{process.Name}'). " +
                "Another process gets its own reference by inheritance (UintrSimulator.StartProcess) or over a UintrSocket, as on Linux.");
        }

        return thread;
    }

    public void BindHostThread(HostedThread thread)
    {
        _current.Value = thread;
        UserInterrupts.BindCurrentThread(Platform);
    }

    /// <summary>Runs a system call for the calling thread: traces it, charges its cost, throws the errno as <see cref="UintrException"/>.</summary>
    public long Syscall(string name, Func<HostedThread, SyscallResult> call)
    {
        var thread = Current();
        var result = call(thread);
        Machine.Record(Now, thread.Core, SimulationEventKind.Syscall, -1, $"{name} = {result}");
        Consume(thread, Machine.Timing.SyscallCycles);
        return result.ThrowIfFailed(name);
    }

    /// <summary>The running thread spends <paramref name="cycles"/> on its core; yields if anything is due before that ends.</summary>
    public void Consume(HostedThread thread, long cycles)
    {
        if (_spinning > 0 && !_spinSeesOnlyParking)
        {
            // The running thread's stores so far reach the spinning cores a line transfer later, as the spinner re-reads.
            WakeSpinners(Now);
        }

        long end = Now + cycles;
        if (end > _timeLimit && !_timeLimitReached)
        {
            throw ReportTimeLimit(running: thread);
        }

        thread.Core.BusyUntil = Math.Max(thread.Core.BusyUntil, end);
        if (!Machine.Queue.TryPeekTime(out long next) || next > end)
        {
            Machine.Now = end;
            return;
        }

        ScheduleResume(thread, end);
        Park(thread, "running", madeProgress: true);
    }

    /// <summary>
    /// SpinUntil on the simulator: the condition is re-checked <see cref="Timing.UintrTiming.SpinObserveCycles"/> after
    /// another thread made progress, in simulated time: when it runs (each modelled step it takes), parks or exits, so a
    /// spinning thread sees other threads' managed writes as a spinning core sees stores, deterministically. With no other
    /// thread running nothing can change what the condition reads, so the spinner costs nothing until then.
    /// </summary>
    public bool SpinUntil(HostedThread thread, Func<bool> condition, long? deadline)
    {
        ArgumentNullException.ThrowIfNull(condition);
        bool madeProgress = true;
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (deadline is { } limit && Now >= limit)
            {
                return false;
            }

            if (deadline is { } timeout)
            {
                ScheduleResume(thread, timeout);
            }

            thread.IsSpinning = true;
            _spinning++;
            try
            {
                Park(thread, "SpinUntil", madeProgress);
            }
            finally
            {
                _spinning--;
                thread.IsSpinning = false;
                thread.SpinCheckScheduled = false;
            }

            madeProgress = false;
        }
    }

    /// <summary>Parks the thread until its receiver's pending word is not zero or <paramref name="deadline"/> passes.</summary>
    public void WaitForPending(HostedThread thread, SimulatedReceiver receiver, long? deadline, bool madeProgress)
    {
        if (deadline is { } limit)
        {
            ScheduleResume(thread, limit);
        }

        thread.WaitingOn = receiver;
        try
        {
            Park(thread, "Wait(Spin)", madeProgress);
        }
        finally
        {
            thread.WaitingOn = null;
        }
    }

    public void Join(HostedThread target)
    {
        if (target.Host != this)
        {
            throw new InvalidOperationException($"Thread '{target.Name}' belongs to another simulator.");
        }

        var caller = Current();
        if (caller == target)
        {
            throw new InvalidOperationException($"Thread '{target.Name}' cannot join itself.");
        }

        bool madeProgress = true;
        while (!target.IsCompleted)
        {
            target.Joiners.Add(caller);
            Park(caller, $"Join({target.Name})", madeProgress);
            madeProgress = false;
        }

        target.RethrowBodyException();
    }

    /// <summary>Raises <paramref name="exception"/> in <paramref name="thread"/> at its next resumption (a signal, a deadlock).</summary>
    public void RaiseInThread(HostedThread thread, Exception exception)
    {
        thread.PendingException ??= exception;
        if (thread.State == HostedThreadState.Parked)
        {
            ScheduleResume(thread, Now);
        }
    }

    public void Exit(HostedThread thread)
    {
        var core = thread.Core;
        Machine.Record(Now, core, SimulationEventKind.ThreadExit, -1, thread.BodyException is null ? "returned" : "threw " + thread.BodyException.GetType().Name);
        Machine.Kernel.ExitTask(thread.Task);
        var process = thread.Task.Process;
        if (process != Process && process.Tasks.TrueForAll(task => task.Exited))
        {
            // The last thread of a started process is gone: the kernel closes its fd table (exit_files).
            Machine.Kernel.ExitProcess(process, thread.Task);
            Machine.Record(Now, core, SimulationEventKind.Syscall, -1, $"exit of process {process.Pid} ('{process.Name}') closed its fds");
        }

        core.Cpu.UserMode = false;
        core.Cpu.State = new Architecture.UserInterruptState();
        core.Task = null;
        core.Thread = null;
        thread.State = HostedThreadState.Completed;
        foreach (var joiner in thread.Joiners)
        {
            ScheduleResume(joiner, Now);
        }

        thread.Joiners.Clear();
        WakeSpinners(Now);
        RunEvents(thread, exiting: true);
    }

    /// <summary>
    /// A system call that may block the thread in the kernel (uintr_wait): while blocked the task is switched out and
    /// its core idles; the thread continues when the kernel returns the task to user space, and gets the call's result.
    /// </summary>
    public SyscallResult BlockingSyscall(HostedThread thread, string name, Func<SimTask, SyscallResult?> call, long? deadline)
    {
        var kernel = Machine.Kernel;

        // The SYSCALL instruction's boundary: a user interrupt recognized by now is delivered before the call enters the kernel.
        Consume(thread, 0);
        var immediate = call(thread.Task);
        if (immediate is { } result)
        {
            Machine.Record(Now, thread.Core, SimulationEventKind.Syscall, -1, $"{name} = {result}");
            Consume(thread, Machine.Timing.SyscallCycles);
            return result;
        }

        Machine.Record(Now, thread.Core, SimulationEventKind.Syscall, -1, $"{name} blocks");
        if (deadline is { } limit)
        {
            ((IKernelHost)Machine).At(Math.Max(limit, Now), time => kernel.Wake(thread.Task, SyscallResult.Ok(0), time, Machine.Timing.RestoreStepCycles));
        }

        thread.BlockedInKernel = true;
        try
        {
            Park(thread, name, madeProgress: true);
        }
        catch
        {
            // An exception raised in the thread (a deadlock report) ends the call, as a fatal signal would: the task is
            // back in user space at once, so its state is live again for whatever the thread does next.
            kernel.AbortBlock(thread.Task, Now);
            throw;
        }
        finally
        {
            thread.BlockedInKernel = false;
        }

        // Back in user space after the kernel's return path: the syscall's exit remains.
        Consume(thread, Machine.Timing.Kernel.SyscallExitCycles);
        return thread.Task.WakeResult;
    }

    void ISimulationObserver.ReturnedToUser(SimulatedCore core, SimTask task, long time)
    {
        if (core.Thread is { State: HostedThreadState.Parked, BlockedInKernel: true } thread && thread.Task == task)
        {
            ScheduleResume(thread, time);
        }
    }

    void ISimulationObserver.Delivered(SimulatedCore core, int vector, long time)
    {
    }

    void ISimulationObserver.TrampolineCompleted(SimulatedCore core, long time)
    {
        if (core.Thread is { State: HostedThreadState.Parked, WaitingOn: { } receiver } waiter && receiver.HasPending)
        {
            ScheduleResume(waiter, time + Machine.Timing.SpinObserveCycles);
        }
    }

    private HostedThread CreateThread(string name, Action? body, SimProcess process)
    {
        var core = Machine.Cores.FirstOrDefault(c => c.Thread is null)
            ?? throw new NotSupportedException(
                $"All {Machine.Cores.Length} simulated cores are taken: each simulated thread runs on a core of its own (hosted threads do not " +
                "time-share a core). Raise SimulatorOptions.Cores (up to 256).");
        var task = Machine.Kernel.CreateTask(process, name);
        var thread = new HostedThread(this, name, body, core, task);
        MachineSetup.Place(Machine, task, core.Index);
        core.Thread = thread;
        core.BusyUntil = Math.Max(core.BusyUntil, Now);
        MachineSetup.InitializeUserContext(Machine, core.Cpu.Registers, task.Tid, StackSize);
        _threads.Add(thread);
        Machine.Record(Now, core, SimulationEventKind.ThreadStart, -1, string.Create(CultureInfo.InvariantCulture, $"tid {task.Tid}"));
        return thread;
    }

    private void ScheduleResume(HostedThread thread, long time) =>
        Machine.Queue.Enqueue(new ScheduledEvent(Math.Max(time, Now), ScheduledEventKind.ThreadResume, thread.Core.Index, -1, thread, thread.Token));

    /// <summary>Spinning threads re-check their condition after another thread made progress (its stores become visible).</summary>
    private void WakeSpinners(long time)
    {
        foreach (var spinner in _threads)
        {
            if (spinner.State == HostedThreadState.Parked && spinner.IsSpinning && !spinner.SpinCheckScheduled)
            {
                spinner.SpinCheckScheduled = true;
                ScheduleResume(spinner, time + Machine.Timing.SpinObserveCycles);
            }
        }
    }

    private void Park(HostedThread thread, string waitingFor, bool madeProgress)
    {
        thread.State = HostedThreadState.Parked;
        thread.WaitingFor = waitingFor;
        if (madeProgress)
        {
            WakeSpinners(Now);
        }

        RunEvents(thread, exiting: false);
        thread.State = HostedThreadState.Running;
        thread.WaitingFor = string.Empty;
        if (thread.PendingException is { } pending)
        {
            thread.PendingException = null;
            throw pending;
        }
    }

    /// <summary>
    /// The event loop, run on the host thread of <paramref name="self"/> after it parked or exited: processes hardware
    /// events in cycle order until a thread's turn comes, then passes the baton (and, unless exiting, waits for it back).
    /// </summary>
    private void RunEvents(HostedThread self, bool exiting)
    {
        while (true)
        {
            if (OnlyWaitTimersPending() && DeclareDeadlock())
            {
                continue;   // the reports run as the threads' next turns
            }

            if (!Machine.Queue.TryDequeue(out var e))
            {
                if (!DeclareDeadlock())
                {
                    _running = null;
                    return;
                }

                continue;
            }

            if (e.Time > _timeLimit && !_timeLimitReached)
            {
                // The next event lies past the limit: every thread learns it now, and may still unwind (close its fds).
                Machine.Queue.Enqueue(e);
                ReportTimeLimit(running: null);
                continue;
            }

            Machine.Now = Math.Max(Machine.Now, e.Time);
            if (e.IsHardware)
            {
                Machine.Process(e);
                continue;
            }

            var next = e.Thread!;
            if (e.Token != next.Token || next.State is HostedThreadState.Completed or HostedThreadState.Running)
            {
                continue;
            }

            if (next.Core.BusyUntil > e.Time)
            {
                // A delivery is running on the thread's core: its code continues after UIRET.
                Machine.Queue.Enqueue(e with { Time = next.Core.BusyUntil });
                continue;
            }

            next.Token++;
            next.State = HostedThreadState.Running;
            _running = next;
            if (next == self)
            {
                return;
            }

            next.Release();
            if (!exiting)
            {
                self.WaitForBaton();
            }

            return;
        }
    }

    /// <summary>
    /// Whether only uintr_wait timers are queued. Each of them ends a wait with 0, after which the runtime waits again
    /// when it has no deadline (one with a deadline has that deadline queued as well), so with nothing else queued no
    /// thread can ever make progress: no timer rescues a lost wake-up.
    /// </summary>
    private bool OnlyWaitTimersPending() =>
        Machine.Queue.Count > 0 && Machine.Queue.Count == Machine.Queue.WaitTimerCount;

    /// <summary>
    /// Simulated time would pass <see cref="SimulatorOptions.TimeLimit"/>: a livelock (threads polling or waiting with
    /// time-outs for something that never comes). Raises a <see cref="TimeoutException"/> in every parked thread and returns
    /// the one <paramref name="running"/> throws.
    /// </summary>
    private TimeoutException ReportTimeLimit(HostedThread? running)
    {
        _timeLimitReached = true;
        var live = _threads.Where(t => t.State is HostedThreadState.Parked or HostedThreadState.Running).ToList();
        var message = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Simulated time limit of {Platform.Options.TimeLimit} ({_timeLimit} cycles) reached at cycle {Now}: the program is still running ("));
        message.AppendJoin("; ", live.Select(t => t == running || t.State == HostedThreadState.Running ? $"'{t.Name}' runs" : $"'{t.Name}' waits in {t.WaitingFor}"));
        message.Append("). A thread polls or waits in a loop for something that never comes; if the program needs longer, raise SimulatorOptions.TimeLimit.");
        var exception = new TimeoutException(message.ToString());
        foreach (var thread in live.Where(t => t.State == HostedThreadState.Parked))
        {
            thread.PendingException ??= exception;
            ScheduleResume(thread, Now);
        }

        return exception;
    }

    /// <summary>
    /// Nothing is scheduled but uintr_wait timers and no thread runs: if threads still wait, that is a deadlock; raise it
    /// in each of them.
    /// </summary>
    private bool DeclareDeadlock()
    {
        var waiting = _threads.Where(t => t.State == HostedThreadState.Parked).ToList();
        if (waiting.Count == 0)
        {
            return false;
        }

        var message = new StringBuilder($"Simulated deadlock at cycle {Now}: every simulated thread waits and no event but a uintr_wait timer is pending (");
        message.AppendJoin("; ", waiting.Select(t => $"'{t.Name}' waits in {t.WaitingFor}"));
        message.Append(").");
        foreach (var thread in waiting)
        {
            thread.PendingException ??= new InvalidOperationException(message.ToString());
            ScheduleResume(thread, Now);
        }

        return true;
    }
}
