using System;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>Switch-out and the return to user space (switch_uintr_prepare / switch_uintr_return).</summary>
public class ReturnToUserTests
{
    /// <summary>
    /// switch_uintr_return (intel/uintr-linux-kernel arch/x86/kernel/uintr_core.c at 2100ffbe) writes NDST and clears SN
    /// only after: "It is necessary to clear the SN bit after we set UINV and NDST to avoid incorrect interrupt routing".
    /// </summary>
    [Fact]
    public void After_a_migration_SN_is_clear_only_once_NV_and_NDST_name_the_new_core()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(1, 5);
        f.Kernel.SwitchOut(rx);
        var target = f.Machine.Cores[2].Cpu;
        Assert.NotEqual(target.ApicId, Upid.Ndst(f.Control(rx)) | target.ApicId);   // old and new IDs differ in bits NDST must lose

        long back = f.Kernel.ReturnToUser(rx, target, 1_000, 40);

        Assert.Equal(1_120, back);
        while (f.Machine.Queue.TryDequeue(out var e))
        {
            f.Machine.Now = Math.Max(f.Machine.Now, e.Time);
            f.Machine.Process(e);
            ulong control = f.Control(rx);
            if ((control & Upid.Sn) == 0)
            {
                Assert.Equal(target.ApicId, Upid.Ndst(control));
                Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(control));
            }
        }

        Assert.Equal(Upid.ComposeControl(KernelConstants.NotificationVector, target.ApicId, target.X2ApicMode), f.Control(rx));
        Assert.Same(target, rx.Cpu);
        Assert.True(target.UserMode);
        Assert.Equal(TaskRunState.Running, rx.RunState);
    }

    [Fact]
    public void Switch_out_leaves_the_core_without_a_task_and_a_second_switch_out_names_the_task_that_is_not_on_a_CPU()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);

        f.Kernel.SwitchOut(rx);

        Assert.Null(f.Machine.Cores[0].Task);
        Assert.Null(rx.Cpu);
        Assert.Same(f.Machine.Cores[0].Cpu, rx.LastCpu);
        var error = Assert.Throws<InvalidOperationException>(() => f.Kernel.SwitchOut(rx));
        Assert.Contains("rx", error.Message);
        Assert.Contains("not on a CPU", error.Message);
    }

    [Fact]
    public void A_kernel_without_a_machine_refuses_to_schedule_and_says_why()
    {
        var memory = new SimulatedMemory();
        var kernel = new UintrKernel(memory, new KernelOptions(KernelAbi.RfcV1));
        var task = kernel.CreateTask(kernel.CreateProcess(), "t");

        var error = Assert.Throws<InvalidOperationException>(() => kernel.ReturnToUser(task, new LogicalProcessor(0, 0, memory), 0, 40));

        Assert.Contains("without a machine", error.Message);
    }
}
