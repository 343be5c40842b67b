namespace Uintr.Simulation.Machine;

/// <summary>How the machine tells the hosting layer that a trampoline finished on a core (a pending word may have changed).</summary>
internal interface ISimulationObserver
{
    void TrampolineCompleted(SimulatedCore core, long time);

    /// <summary>The CPU delivered <paramref name="vector"/> on <paramref name="core"/> (it enters the trampoline at <paramref name="time"/>).</summary>
    void Delivered(SimulatedCore core, int vector, long time);

    /// <summary>A task that blocked in the kernel is back in user space on <paramref name="core"/>.</summary>
    void ReturnedToUser(SimulatedCore core, Kernel.SimTask task, long time);
}
