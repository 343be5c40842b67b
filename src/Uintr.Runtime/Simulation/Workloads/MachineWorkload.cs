using System;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Workloads;

/// <summary>
/// A workload on the bare machine model (no hosted threads): receiver tasks pinned one per core whose "handlers"
/// react in the trampoline's completion, so the event loop runs without any host thread switch. Used to measure
/// how many simulated deliveries the model processes per host second.
/// </summary>
internal abstract class MachineWorkload : ISimulationObserver
{
    private const ulong StackSize = 16 * 1024;
    private long _limit;

    protected MachineWorkload(int cores, int seed = 1)
    {
        Machine = new SimulatedMachine(new SimulatorOptions { Cores = cores, Seed = seed }, UintrTiming.SapphireRapids) { Observer = this };
        var process = Machine.Kernel.CreateProcess();
        Tasks = new SimTask[cores];
        for (int core = 0; core < cores; core++)
        {
            var task = Machine.Kernel.CreateTask(process, "t" + core);
            MachineSetup.Place(Machine, task, core);
            MachineSetup.InitializeUserContext(Machine, task.Cpu!.Registers, task.Tid, StackSize);
            MachineSetup.RegisterDefaultReceiver(Machine, task);
            Tasks[core] = task;
        }
    }

    public SimulatedMachine Machine { get; }

    protected SimTask[] Tasks { get; }

    protected long Deliveries { get; private set; }

    /// <summary>Runs until <paramref name="deliveries"/> deliveries have happened (or nothing is left to do).</summary>
    public WorkloadResult Run(long deliveries)
    {
        _limit = deliveries;
        Start();
        var queue = Machine.Queue;
        while (Deliveries < _limit && queue.TryDequeue(out var e))
        {
            Machine.Now = Math.Max(Machine.Now, e.Time);
            Machine.Process(e);
        }

        return new WorkloadResult(Deliveries, Machine.Now, Machine.Statistics.HardwareLatency.Mean);
    }

    /// <summary>Connects <paramref name="sender"/> to <paramref name="vector"/> of <paramref name="receiver"/>; returns the UITT index.</summary>
    protected int Connect(SimTask sender, SimTask receiver, int vector)
    {
        int fd = (int)MachineSetup.Check(Machine.Kernel.CreateFd(receiver, (ulong)vector, 0));
        return (int)MachineSetup.Check(Machine.Kernel.RegisterSender(sender, fd, 0));
    }

    /// <summary>SENDUIPI on <paramref name="core"/>: the core is busy for the instruction, so a delivery to it waits.</summary>
    protected void Send(int core, int index, long time)
    {
        var sender = Machine.Cores[core];
        Machine.ExecuteSenduipi(sender, (ulong)index, time);
        sender.BusyUntil = System.Math.Max(sender.BusyUntil, time + Machine.Timing.SenduipiCycles);
    }

    /// <summary>The first sends.</summary>
    protected abstract void Start();

    /// <summary>What the receiving core does when its trampoline returns (the handler's reaction).</summary>
    protected abstract void OnHandled(int core, long time);

    void ISimulationObserver.Delivered(SimulatedCore core, int vector, long time) => Deliveries++;

    void ISimulationObserver.TrampolineCompleted(SimulatedCore core, long time)
    {
        if (Deliveries < _limit)
        {
            OnHandled(core.Index, time);
        }
    }

    void ISimulationObserver.ReturnedToUser(SimulatedCore core, SimTask task, long time)
    {
    }
}
