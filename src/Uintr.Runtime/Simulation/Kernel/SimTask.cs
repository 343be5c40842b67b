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

    private UserInterruptState _uintrState = new();

    /// <summary>
    /// The task's UINTR state while it is loaded: the same object as its CPU's state while it runs (or before it first
    /// runs). Between XSAVES and XRSTORS the saved image in <see cref="XsaveArea"/> is the state, so reading this then
    /// throws: a write to a stale copy would be lost when XRSTORS loads the image. The kernel reaches a switched-out
    /// task's MSRs through the image (<see cref="UintrKernel.ReadTaskMsr"/>, <see cref="UintrKernel.WriteTaskMsr"/>).
    /// </summary>
    public UserInterruptState UintrState
    {
        get => StateSaved
            ? throw new System.InvalidOperationException($"Task {Name} is switched out: its UINTR state is the XSAVE image at 0x{XsaveArea:X}.")
            : _uintrState;
        set => _uintrState = value;
    }

    /// <summary>XSAVES saved the state to <see cref="XsaveArea"/> and XRSTORS has not loaded it back yet.</summary>
    public bool StateSaved { get; set; }

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

    /// <summary>Counts this task's uintr_waits, so that the timer of an earlier one never ends a later one.</summary>
    public long WaitSerial { get; set; }

    /// <summary>What the blocking system call returns when the task is woken (EINTR for a user interrupt).</summary>
    public SyscallResult WakeResult { get; set; }
}
