using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>A blocking call aborted by the hosting layer: the task is back in user space at once, with nothing lost.</summary>
public class AbortBlockTests
{
    [Fact]
    public void Aborting_uintr_wait_restores_the_task_on_its_core_and_folds_a_post_made_meanwhile_into_UIRR()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        Assert.False(f.Kernel.RegisterSender(tx, fds[0], 0).Failed);
        var cpu = f.Machine.Cores[0].Cpu;
        var registers = new RegisterFile();
        registers.CopyFrom(cpu.Registers);
        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        cpu.Registers.Rip ^= 0x40;   // the core ran kernel code meanwhile
        var send = Senduipi.Execute(tx.Cpu!, 0);   // posted; its kernel-vector IPI is never taken
        Assert.Equal(KernelConstants.BlockedWaitVector, send.NotificationVector);

        f.Kernel.AbortBlock(rx, 2_000);

        Assert.False(f.Kernel.IsBlocked(rx));
        Assert.Equal(TaskRunState.Running, rx.RunState);
        Assert.Same(cpu, rx.Cpu);
        Assert.Null(rx.BlockedOn);
        Assert.True(cpu.UserMode);
        Assert.Same(rx, f.Machine.Cores[0].Task);
        Assert.Equal(registers.Rip, cpu.Registers.Rip);
        Assert.Equal(Errno.EINTR, rx.WakeResult.Error);
        Assert.Contains("aborted", rx.WakeResult.Reason);
        Assert.Equal(KernelConstants.NotificationVector, cpu.State.Uinv);
        Assert.Equal(Upid.ComposeControl(KernelConstants.NotificationVector, cpu.ApicId, cpu.X2ApicMode), f.Control(rx));
        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);

        // No longer a waiter: the kernel-vector IPI, taken late, wakes nobody.
        Assert.Empty(f.Kernel.HandleInterrupt(cpu, KernelConstants.BlockedWaitVector, 3_000, 100, 40));
        Senduipi.Execute(tx.Cpu!, 0);
        Assert.Empty(f.Kernel.HandleInterrupt(cpu, KernelConstants.BlockedWaitVector, 3_000, 100, 40));
    }

    [Fact]
    public void Aborting_an_uninterruptible_block_clears_SN_so_senders_notify_the_task_again()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        Assert.False(f.Kernel.RegisterSender(tx, fds[0], 0).Failed);
        var cpu = f.Machine.Cores[0].Cpu;
        Assert.Null(f.Kernel.BlockInSyscall(rx));
        Assert.Equal(Upid.Sn, f.Control(rx) & Upid.Sn);

        f.Kernel.AbortBlock(rx, 2_000);

        Assert.Equal(Upid.ComposeControl(KernelConstants.NotificationVector, cpu.ApicId, cpu.X2ApicMode), f.Control(rx));
        Assert.Equal(0UL, rx.UintrState.Uirr);
        Assert.DoesNotContain(f.Machine.Trace, e => e.Detail.Contains("kernel folds", System.StringComparison.Ordinal));
        var send = Senduipi.Execute(tx.Cpu!, 0);
        Assert.True(send.SendNotification);
        Assert.Equal(KernelConstants.NotificationVector, send.NotificationVector);
        Assert.Equal(cpu.ApicId, send.DestinationApicId);
    }
}
