using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// A task's UINTR state is in one place at a time: the CPU's registers while it runs, the XSAVE image between XSAVES and
/// XRSTORS. The kernel writes it where it is (start_update_xsave_msrs / xsave_wrmsrl).
/// </summary>
public class TaskStateCoherenceTests
{
    [Fact]
    public void An_MSR_written_while_the_task_is_switched_out_is_live_after_XRSTORS()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        f.Kernel.SwitchOut(rx);

        f.Kernel.WriteTaskMsr(rx, UintrMsr.StackAdjust, 0x7100_0000UL | 1);
        Assert.Equal(0x7100_0000UL | 1, f.Kernel.ReadTaskMsr(rx, UintrMsr.StackAdjust));
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[2].Cpu, f.Machine.Now, 40);
        f.RunUntilIdle();

        Assert.Equal(0x7100_0000UL | 1, f.Machine.Cores[2].Cpu.State.StackAdjust);
        Assert.Same(f.Machine.Cores[2].Cpu.State, rx.UintrState);
    }

    [Fact]
    public void The_state_object_of_a_switched_out_task_cannot_be_reached_so_no_write_is_lost()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        f.Kernel.SwitchOut(rx);

        Assert.Throws<System.InvalidOperationException>(() => rx.UintrState);
        Assert.Equal(KernelFixture.Handler, f.Kernel.ReadTaskMsr(rx, UintrMsr.Handler));
    }

    [Fact]
    public void A_write_to_the_image_keeps_UIF_and_checks_reserved_bits_like_WRMSR()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        rx.UintrState.Uif = true;
        f.Kernel.SwitchOut(rx);

        f.Kernel.WriteTaskMsr(rx, UintrMsr.Misc, 0xEC_0000_00FFUL);
        var fault = Assert.Throws<ArchitecturalFault>(() => f.Kernel.WriteTaskMsr(rx, UintrMsr.Misc, 1UL << 40));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now, 40);
        f.RunUntilIdle();
        Assert.True(rx.UintrState.Uif);
        Assert.Equal(255u, rx.UintrState.Uittsz);
    }

    /// <summary>exec resets the whole FPU state, UINTR component included (flush_thread -> fpu_flush_thread), on the running CPU.</summary>
    [Fact]
    public void exec_disables_SENDUIPI_on_the_CPU_the_task_runs_on()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
        Senduipi.Execute(tx.Cpu!, 0);

        f.Kernel.Exec(tx);

        var fault = Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(tx.Cpu!, 0));
        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.Equal(0UL, f.Machine.Cores[1].Cpu.State.UittRaw);
    }

    [Fact]
    public void exec_of_a_receiver_clears_its_live_handler_state()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        var cpu = f.Machine.Cores[0].Cpu;
        cpu.State.Uif = true;

        f.Kernel.Exec(rx);

        Assert.Equal(0UL, cpu.State.Handler);
        Assert.Equal(0UL, cpu.State.UpidAddress);
        Assert.Equal(0, cpu.State.Uinv);
        Assert.False(cpu.State.Uif);
    }

    /// <summary>
    /// uintr-next programs the sender MSRs of the registering thread only; a thread of the same process gets them on its
    /// first SENDUIPI through the kernel's #UD fix-up (arch/x86/kernel/traps.c at 533d395f).
    /// </summary>
    [Fact]
    public void uintr_next_another_thread_of_the_process_gets_the_UITT_on_its_first_SENDUIPI()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (_, fds) = f.Receiver(0, 5);
        var a = f.RunningTask(1, "a");
        var b = f.RunningTask(2, "b");
        int index = (int)f.Kernel.RegisterSender(a, fds[0], 0).Value;
        Assert.False(b.UintrState.SenduipiEnabled);

        var result = f.Machine.ExecuteSenduipi(f.Machine.Cores[2], (ulong)index, 0);

        Assert.True(b.UintrState.SenduipiEnabled);
        Assert.Equal(a.UintrState.UittAddress, b.UintrState.UittAddress);
        Assert.Equal(5, result.UserVector);
    }

    [Fact]
    public void RFC_v1_a_thread_without_its_own_sender_still_faults_with_UD()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var a = f.RunningTask(1, "a");
        var b = f.RunningTask(2, "b");
        f.Kernel.RegisterSender(a, fds[0], 0);

        var fault = Assert.Throws<ArchitecturalFault>(() => f.Machine.ExecuteSenduipi(f.Machine.Cores[2], 0, 0));

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.False(b.UintrState.SenduipiEnabled);
    }
}
