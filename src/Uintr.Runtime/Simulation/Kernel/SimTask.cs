using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>A simulated task (thread): its process, the core it runs on, and its saved UINTR state.</summary>
internal sealed class SimTask
{
    public SimTask(int tid, SimProcess process, string name)
    {
        Tid = tid;
        Process = process;
        Name = name;
    }

    public int Tid { get; }

    public SimProcess Process { get; }

    public string Name { get; }

    /// <summary>The core the task runs on, or null when it is not running.</summary>
    public LogicalProcessor? Cpu { get; set; }

    /// <summary>The task's UINTR state; loaded into <see cref="Cpu"/> while it runs (the XSAVE component).</summary>
    public UserInterruptState UintrState { get; set; } = new();

    public ReceiverContext? Receiver { get; set; }

    /// <summary>The per-thread UITT (RFC v1).</summary>
    public SenderContext? Sender { get; set; }

    public bool Exited { get; set; }

    /// <summary>The user registers while the task is switched out (they follow it to whichever core it returns on).</summary>
    public RegisterFile UserContext { get; } = new();

    /// <summary>Where XSAVES puts the task's UINTR component (48 bytes) while it is switched out.</summary>
    public ulong XsaveArea { get; init; }

    public TaskRunState RunState { get; set; } = TaskRunState.Running;

    /// <summary>The core the task last ran on (set when it is switched out).</summary>
    public LogicalProcessor? LastCpu { get; set; }

    /// <summary>The core a blocked task waits on (its UPID's NDST points there).</summary>
    public LogicalProcessor? BlockedOn { get; set; }

    /// <summary>What the blocking system call returns when the task is woken (EINTR for a user interrupt).</summary>
    public SyscallResult WakeResult { get; set; }
}
