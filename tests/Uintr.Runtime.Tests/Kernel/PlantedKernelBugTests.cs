using Uintr.Simulation;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// The kernel defects planted for the schedule explorer's own tests do what they name, and only that: the explorer's
/// claim that it finds each of them means nothing if the planted kernel behaves like the correct one.
/// </summary>
public class PlantedKernelBugTests
{
    private sealed class PlantedMachine
    {
        public PlantedMachine(PlantedBugs bugs, KernelAbi abi)
        {
            Machine = new SimulatedMachine(new SimulatorOptions { Cores = 4 }, UintrTiming.SapphireRapids, new KernelOptions(abi, PlantedBugs: bugs));
            Machine.Memory.Map(KernelFixture.Handler, SimulatedMemory.PageSize);
            Process = Kernel.CreateProcess();
        }

        public SimulatedMachine Machine { get; }

        public UintrKernel Kernel => Machine.Kernel;

        public SimProcess Process { get; }

        public SimTask Running(int core, string name, SimProcess? process = null)
        {
            var task = Kernel.CreateTask(process ?? Process, name);
            MachineSetup.Place(Machine, task, core);
            return task;
        }

        public (SimTask Task, int Fd) Receiver(int core, int vector)
        {
            var task = Running(core, "rx");
            Assert.False(Kernel.RegisterHandler(task, KernelFixture.Handler, 0).Failed);
            return (task, (int)Kernel.CreateFd(task, (ulong)vector, 0).Value);
        }

        public ulong Pir(SimTask receiver) => Upid.ReadPir(Machine.Memory, receiver.Receiver!.UpidAddress);
    }

    [Fact]
    public void LastCloseKeepsPirBit_leaves_a_post_made_before_the_last_close_in_the_PIR()
    {
        var m = new PlantedMachine(PlantedBugs.LastCloseKeepsPirBit, KernelAbi.RfcV1);
        var (rx, fd) = m.Receiver(0, 5);
        var tx = m.Running(1, "tx");
        m.Kernel.RegisterSender(tx, fd, 0);
        Senduipi.Execute(tx.Cpu!, 0);

        m.Kernel.Close(rx, fd);

        Assert.Equal(1UL << 5, m.Pir(rx));
        Assert.Equal(0L, m.Kernel.OrphanedOnClears);
        Assert.Equal(0UL, rx.Receiver!.RegisteredVectors);
    }

    [Fact]
    public void ExecKeepsSenduipi_leaves_the_running_CPU_able_to_send_after_exec()
    {
        var m = new PlantedMachine(PlantedBugs.ExecKeepsSenduipi, KernelAbi.RfcV1);
        var (_, fd) = m.Receiver(0, 5);
        var other = m.Kernel.CreateProcess();
        var tx = m.Running(1, "tx", other);
        m.Kernel.RegisterSender(tx, (int)m.Kernel.ShareFd(m.Process, fd, other).Value, 0);

        m.Kernel.Exec(tx);

        Assert.Equal(5, Senduipi.Execute(m.Machine.Cores[1].Cpu, 0).UserVector);
        Assert.False(tx.UintrState.SenduipiEnabled);
    }

    /// <summary>The defect is in the live-state path only: a switched-out task's image is still reset.</summary>
    [Fact]
    public void ExecKeepsSenduipi_still_resets_the_image_of_a_switched_out_task()
    {
        var m = new PlantedMachine(PlantedBugs.ExecKeepsSenduipi, KernelAbi.RfcV1);
        var (_, fd) = m.Receiver(0, 5);
        var tx = m.Running(1, "tx");
        m.Kernel.RegisterSender(tx, fd, 0);
        m.Kernel.SwitchOut(tx);

        m.Kernel.Exec(tx);

        Assert.Equal(0UL, m.Kernel.ReadTaskMsr(tx, UintrMsr.Tt));
        Assert.Equal(0UL, m.Kernel.ReadTaskMsr(tx, UintrMsr.Misc));
    }

    /// <summary>
    /// uintr-next with the defect: the first registration programs every running thread of the process (the correct
    /// kernel programs only the caller), a switched-out thread's write goes to a copy XRSTORS never loads, and there
    /// is no #UD fix-up to repair it.
    /// </summary>
    [Fact]
    public void SharedUittWritesStaleState_programs_running_threads_and_loses_the_write_for_a_switched_out_one()
    {
        var m = new PlantedMachine(PlantedBugs.SharedUittWritesStaleState, KernelAbi.UintrNext);
        var (rx, fd) = m.Receiver(0, 5);
        var other = m.Running(1, "other");
        var parked = m.Running(2, "parked");
        m.Kernel.SwitchOut(parked);
        Assert.Equal(Errno.EINVAL, m.Kernel.UnregisterSender(other, 0, 0).Error);
        Assert.False(other.UintrState.SenduipiEnabled);

        Assert.Equal(0, m.Kernel.RegisterSender(rx, fd, 0).Value);
        Assert.Equal(1, m.Kernel.RegisterSender(other, fd, 0).Value);

        Assert.True(other.UintrState.SenduipiEnabled);
        Assert.Equal(rx.UintrState.UittAddress, other.UintrState.UittAddress);
        Assert.Equal((ulong)KernelConstants.NotificationVector << 32 | 255, rx.UintrState.Misc);
        Assert.Equal(255UL, other.UintrState.Misc);
        Assert.Equal(0UL, m.Kernel.ReadTaskMsr(parked, UintrMsr.Tt));
        Assert.False(m.Kernel.FixupSenduipiInvalidOpcode(parked));
        Assert.Equal(5, Senduipi.Execute(other.Cpu!, 1).UserVector);
    }
}
