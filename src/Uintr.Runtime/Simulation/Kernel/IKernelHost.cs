using System;
using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Kernel;

/// <summary>What the kernel needs from the machine it runs on: the clock, deferred steps, and the local APIC.</summary>
internal interface IKernelHost
{
    long Now { get; }

    /// <summary>Runs <paramref name="step"/> at <paramref name="time"/> (a kernel step other cores may interleave with).</summary>
    void At(long time, Action<long> step);

    /// <summary>Runs <paramref name="expire"/> at <paramref name="time"/>: a kernel timer (an hrtimer) expires.</summary>
    void AtTimerExpiry(long time, Action<long> expire);

    /// <summary>Simulated cycles in <paramref name="microseconds"/> at the machine's frequency.</summary>
    long MicrosecondsToCycles(ulong microseconds);

    /// <summary>From a timer's expiry to the sleeper being runnable: the timer interrupt and wake_up_process.</summary>
    long TimerWakeCycles { get; }

    /// <summary>One step of the return-to-user path (see <see cref="UintrKernel.ReturnToUser"/>).</summary>
    long RestoreStepCycles { get; }

    /// <summary>Runs notification processing on <paramref name="cpu"/> (the kernel folds PIR into UIRR with it on return to user).</summary>
    void ProcessNotification(LogicalProcessor cpu, long time);

    /// <summary>
    /// The local APIC sends this CPU an IPI with <paramref name="vector"/>, taken at <paramref name="time"/> (apic->send_IPI_self;
    /// the kernel's return path runs with interrupts off, so it is taken once the CPU is back in user mode).
    /// </summary>
    void SendSelfIpi(LogicalProcessor cpu, byte vector, long time);

    /// <summary>The task was switched out of <paramref name="cpu"/> (the core idles until something returns to user there).</summary>
    void SwitchedOut(SimTask task, LogicalProcessor cpu);

    /// <summary>The task finished its return to user space on <paramref name="cpu"/>: its user code may continue.</summary>
    void ReturnedToUser(SimTask task, LogicalProcessor cpu, long time);
}
