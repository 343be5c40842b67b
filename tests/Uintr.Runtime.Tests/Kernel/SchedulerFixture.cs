using System.Collections.Generic;
using System.Linq;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// A <see cref="KernelFixture"/> whose first cores are managed by a <see cref="TimeSliceScheduler"/> with round costs, and
/// which records every return to user space (task, core, cycle).
/// </summary>
internal sealed class SchedulerFixture : ISimulationObserver
{
    public const long Slice = 10_000;
    public const long Switch = 1_000;
    public const long Step = 40;

    /// <summary>The return to user space takes three steps (XRSTORS and NDST, SN, PIR) after the switch.</summary>
    public const long ReturnPath = 3 * Step;

    public SchedulerFixture(int managedCores, KernelAbi abi = KernelAbi.RfcV1)
    {
        F = new KernelFixture(abi);
        F.Machine.Observer = this;
        Scheduler = new TimeSliceScheduler(F.Kernel, F.Machine, F.Machine.Cores.Take(managedCores).Select(c => c.Cpu).ToArray(), Slice, Switch, Step);
    }

    public KernelFixture F { get; }

    public UintrKernel Kernel => F.Kernel;

    public TimeSliceScheduler Scheduler { get; }

    public List<(SimTask Task, int Core, long Time)> Returns { get; } = new();

    /// <summary>A task set up on <paramref name="core"/> and switched out, ready to be admitted to a run queue.</summary>
    public SimTask SwitchedOutTask(string name, int core = 0)
    {
        var task = F.RunningTask(core, name);
        Kernel.SwitchOut(task);
        return task;
    }

    /// <summary>A switched-out receiver with a handler (registered with <paramref name="flags"/>) and an fd for <paramref name="vector"/>.</summary>
    public (SimTask Task, int Fd) SwitchedOutReceiver(string name, int vector, uint flags = 0)
    {
        var task = F.RunningTask(0, name);
        Assert.False(Kernel.RegisterHandler(task, KernelFixture.Handler, flags).Failed);
        int fd = (int)Kernel.CreateFd(task, (ulong)vector, 0).Value;
        Kernel.SwitchOut(task);
        return (task, fd);
    }

    /// <summary>Processes the machine's events up to and including cycle <paramref name="limit"/>.</summary>
    public void RunUntil(long limit)
    {
        var machine = F.Machine;
        while (machine.Queue.TryPeekTime(out long next) && next <= limit && machine.Queue.TryDequeue(out var e))
        {
            machine.Now = System.Math.Max(machine.Now, e.Time);
            machine.Process(e);
        }
    }

    void ISimulationObserver.ReturnedToUser(SimulatedCore core, SimTask task, long time) => Returns.Add((task, core.Index, time));

    void ISimulationObserver.Delivered(SimulatedCore core, int vector, long time)
    {
    }

    void ISimulationObserver.TrampolineCompleted(SimulatedCore core, long time)
    {
    }
}
