namespace Uintr.Simulation.Kernel;

/// <summary>The scheduler's view of a task.</summary>
internal enum TaskRunState
{
    /// <summary>Its UINTR state is loaded on a core and it runs user code (or is about to).</summary>
    Running,
    /// <summary>Switched out, ready to run.</summary>
    Runnable,
    /// <summary>Blocked in uintr_wait (or, with <see cref="KernelOptions.InterruptBlockingSyscalls"/>, another blocking syscall).</summary>
    BlockedInterruptible,
    /// <summary>Blocked in a system call that user interrupts do not interrupt.</summary>
    Blocked,
    Exited,
}
