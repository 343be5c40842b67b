namespace Uintr.Simulation.Machine;

/// <summary>How the machine tells the hosting layer that a trampoline finished on a core (a pending word may have changed).</summary>
internal interface ISimulationObserver
{
    void TrampolineCompleted(SimulatedCore core, long time);
}
