using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>A machine whose kernel is driven directly: tasks placed on cores by hand, events run until idle.</summary>
internal sealed class KernelFixture
{
    public const ulong Handler = 0x0000_7000_0000_1000;

    public KernelFixture(KernelAbi abi = KernelAbi.RfcV1, bool interruptBlockingSyscalls = false, RestoreOrder restore = RestoreOrder.ClearSuppressThenReadPir, bool? sharedUitt = null, bool blockingConfigured = true)
    {
        Machine = new SimulatedMachine(new SimulatorOptions { Cores = 4, RecordTrace = true }, UintrTiming.SapphireRapids, new KernelOptions(abi, sharedUitt, interruptBlockingSyscalls, restore, blockingConfigured));
        Machine.Memory.Map(Handler, SimulatedMemory.PageSize);
        Process = Kernel.CreateProcess();
    }

    public SimulatedMachine Machine { get; }

    public UintrKernel Kernel => Machine.Kernel;

    public SimProcess Process { get; }

    /// <summary>A task of <see cref="Process"/> running in user mode on <paramref name="core"/>.</summary>
    public SimTask RunningTask(int core, string name = "t", SimProcess? process = null)
    {
        var task = Kernel.CreateTask(process ?? Process, name);
        PlaceOn(task, core);
        return task;
    }

    public void PlaceOn(SimTask task, int core) => MachineSetup.Place(Machine, task, core);

    /// <summary>A running receiver task with a handler and fds for <paramref name="vectors"/>; returns the fds.</summary>
    public (SimTask Task, int[] Fds) Receiver(int core, params int[] vectors)
    {
        var task = RunningTask(core, "rx");
        Assert.False(Kernel.RegisterHandler(task, Handler, 0).Failed);
        var fds = new int[vectors.Length];
        for (int i = 0; i < vectors.Length; i++)
        {
            fds[i] = (int)Kernel.CreateFd(task, (ulong)vectors[i], 0).Value;
        }

        return (task, fds);
    }

    public ulong Control(SimTask receiver) => Upid.ReadControl(Machine.Memory, receiver.Receiver!.UpidAddress);

    public ulong Pir(SimTask receiver) => Upid.ReadPir(Machine.Memory, receiver.Receiver!.UpidAddress);

    /// <summary>Lets the notification IPI of a SENDUIPI arrive at <paramref name="core"/> at <paramref name="time"/>.</summary>
    public void ArriveAt(int core, byte vector, long time) =>
        Machine.Queue.Enqueue(new ScheduledEvent(time, ScheduledEventKind.IpiArrival, core, vector, null, 0));

    /// <summary>Processes every queued machine event (interrupts, kernel steps) in cycle order.</summary>
    public void RunUntilIdle()
    {
        while (Machine.Queue.TryDequeue(out var e))
        {
            Machine.Now = System.Math.Max(Machine.Now, e.Time);
            Machine.Process(e);
        }
    }
}
