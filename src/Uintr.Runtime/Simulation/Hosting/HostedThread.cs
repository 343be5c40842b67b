using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Simulation.Hosting;

/// <summary>
/// A simulated application thread: a real host thread that runs only while it holds the simulator's baton, bound to
/// a simulated core and kernel task. Its register file is the user context that interrupts are delivered on top of.
/// </summary>
internal sealed class HostedThread : UintrThread
{
    private readonly SemaphoreSlim _baton = new(0);
    private readonly Action? _body;

    public HostedThread(SimulationHost host, string name, Action? body, SimulatedCore core, SimTask task)
        : base(name)
    {
        Host = host;
        _body = body;
        Core = core;
        Task = task;
        Flag = new SimulatedInterruptFlag(host, this);
    }

    /// <summary>CLUI, STUI and TESTUI on this thread's core (one per thread, so UserInterrupts.Mask stays allocation-free).</summary>
    public IUserInterruptFlag Flag { get; }

    public SimulationHost Host { get; }

    public SimulatedCore Core { get; }

    public SimTask Task { get; }

    public HostedThreadState State { get; set; } = HostedThreadState.Created;

    /// <summary>Matches the one resume event that may wake the thread; stale events carry an older token.</summary>
    public int Token { get; set; }

    /// <summary>What the thread waits for, for deadlock reports.</summary>
    public string WaitingFor { get; set; } = string.Empty;

    /// <summary>While in SpinUntil: the condition to re-check when another thread made progress.</summary>
    public bool IsSpinning { get; set; }

    /// <summary>While in SpinUntil: a re-check of the condition is already queued (one is enough until it runs).</summary>
    public bool SpinCheckScheduled { get; set; }

    /// <summary>While in Wait(Spin): the receiver whose pending word wakes the thread.</summary>
    public SimulatedReceiver? WaitingOn { get; set; }

    /// <summary>While the thread's task is blocked in a system call (uintr_wait).</summary>
    public bool BlockedInKernel { get; set; }

    /// <summary>The receiver registered on this thread, if any.</summary>
    public SimulatedReceiver? Receiver { get; set; }

    public List<HostedThread> Joiners { get; } = new();

    public Exception? BodyException { get; private set; }

    /// <summary>An exception to raise in the thread when it next resumes (a fault in delivery, a deadlock).</summary>
    public Exception? PendingException { get; set; }

    public override bool IsCompleted => State == HostedThreadState.Completed;

    public override void Join() => Host.Join(this);

    public void RethrowBodyException()
    {
        if (BodyException is { } exception)
        {
            ExceptionDispatchInfo.Capture(exception).Throw();
        }
    }

    /// <summary>A fault the CPU raised while delivering to this thread (Linux: a signal to it).</summary>
    public void PostFault(UintrFaultException fault) => Host.RaiseInThread(this, fault);

    public void Release() => _baton.Release();

    public void WaitForBaton() => _baton.Wait();

    /// <summary>The host thread's entry: wait for the first turn, run the body, exit.</summary>
    public void RunOnHostThread()
    {
        Host.BindHostThread(this);
        WaitForBaton();
        try
        {
            if (PendingException is { } pending)
            {
                PendingException = null;
                throw pending;
            }

            _body!();
        }
        catch (Exception exception)
        {
            BodyException = exception;
        }

        Host.Exit(this);
    }
}
