using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// Task ids and task exit. Linux hands out pids and tids from one increasing, cyclic id space (alloc_pid), and a
/// process's first thread has tid = pid. At exit uintr_free writes the six UINTR MSRs 0 where the task's state lives
/// (uintr_core.c at intel/uintr-linux-kernel 2100ffbe, uintr.c at fed8dc12).
/// </summary>
public class TaskExitAndIdentityTests
{
    [Fact]
    public void The_first_thread_has_tid_equal_to_pid_and_later_ids_grow()
    {
        var f = new KernelFixture();
        var first = f.Kernel.CreateTask(f.Process, "main");
        var second = f.Kernel.CreateTask(f.Process, "worker");
        var child = f.Kernel.Fork(first, "child");

        Assert.Equal(f.Process.Pid, first.Tid);
        Assert.True(second.Tid > first.Tid);
        Assert.True(child.Process.Pid > second.Tid);
        Assert.Equal(child.Process.Pid, child.Tid);
    }

    [Fact]
    public void Exit_of_a_running_task_clears_its_UINTR_state_on_the_CPU()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var (both, _) = f.Receiver(1, 9);
        f.Kernel.RegisterSender(both, fds[0], 0);
        var cpu = f.Machine.Cores[1].Cpu;
        cpu.State.Uif = true;
        cpu.State.Uirr = 1UL << 9;

        f.Kernel.ExitTask(both);

        Assert.Equal(0UL, cpu.State.Handler);
        Assert.Equal(0UL, cpu.State.StackAdjust);
        Assert.Equal(0UL, cpu.State.UpidAddress);
        Assert.Equal(0UL, cpu.State.Misc);
        Assert.Equal(0UL, cpu.State.UittRaw);
        Assert.Equal(0UL, cpu.State.Uirr);
        Assert.False(cpu.State.Uif);
        Assert.NotEqual(0UL, f.Control(both) & Upid.Sn);
    }

    /// <summary>A switched-out task's state is its XSAVE image: exit writes the image, UIF (bit 63 of the MISC word) included.</summary>
    [Fact]
    public void Exit_of_a_switched_out_task_clears_its_XSAVE_image()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var (both, _) = f.Receiver(1, 9);
        f.Kernel.RegisterSender(both, fds[0], 0);
        f.Machine.Cores[1].Cpu.State.Uif = true;
        f.Kernel.SwitchOut(both);
        Assert.NotEqual(0UL, f.Machine.Memory.ReadUInt64(both.XsaveArea + 16));

        f.Kernel.ExitTask(both);

        foreach (uint msr in new[] { UintrMsr.Handler, UintrMsr.StackAdjust, UintrMsr.Misc, UintrMsr.Pd, UintrMsr.Rr, UintrMsr.Tt })
        {
            Assert.Equal(0UL, f.Kernel.ReadTaskMsr(both, msr));
        }

        Assert.Equal(0UL, f.Machine.Memory.ReadUInt64(both.XsaveArea + 16));
    }
}
