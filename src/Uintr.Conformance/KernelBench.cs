using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Conformance;

/// <summary>
/// A simulated machine whose kernel the checks call directly, the way the kernel's selftests issue raw system calls:
/// tasks placed on cores by hand, one process, a mapped page standing in for a handler.
/// </summary>
internal sealed class KernelBench
{
    /// <summary>A user address with a mapped page, given to uintr_register_handler.</summary>
    public const ulong Handler = 0x0000_7000_0000_1000;

    public KernelBench(KernelAbi abi)
    {
        Abi = abi;
        Machine = new SimulatedMachine(new SimulatorOptions { Cores = 8, KernelAbi = abi }, UintrTiming.SapphireRapids, new KernelOptions(abi));
        Machine.Memory.Map(Handler, SimulatedMemory.PageSize);
        Process = Kernel.CreateProcess();
    }

    public KernelAbi Abi { get; }

    public SimulatedMachine Machine { get; }

    public UintrKernel Kernel => Machine.Kernel;

    public SimProcess Process { get; }

    /// <summary>A task running in user mode on <paramref name="core"/>.</summary>
    public SimTask Task(int core, string name)
    {
        var task = Kernel.CreateTask(Process, name);
        MachineSetup.Place(Machine, task, core);
        return task;
    }

    /// <summary>A running task with a handler and one fd for <paramref name="vector"/>; returns the fd.</summary>
    public (SimTask Task, int Fd) Receiver(int core, int vector)
    {
        var task = Task(core, "rx");
        Expect.Ok(Kernel.RegisterHandler(task, Handler, 0), "uintr_register_handler");
        int fd = (int)Expect.Ok(Kernel.CreateFd(task, (ulong)vector, 0), "uintr_create_fd");
        return (task, fd);
    }

    /// <summary>uintr_unregister_sender for the connection <paramref name="index"/> made through <paramref name="fd"/>: by fd on RFC v1, by index on uintr-next.</summary>
    public SyscallResult UnregisterSender(SimTask task, int fd, long index) =>
        Kernel.UnregisterSender(task, Abi == KernelAbi.RfcV1 ? fd : index, 0);

    /// <summary>SENDUIPI with <paramref name="index"/> on <paramref name="task"/>'s core.</summary>
    public void Senduipi(SimTask task, ulong index)
    {
        var core = System.Array.Find(Machine.Cores, c => c.Task == task)!;
        Machine.ExecuteSenduipi(core, index, Machine.Now);
    }
}
