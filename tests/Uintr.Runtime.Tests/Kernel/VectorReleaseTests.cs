using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// What the last close of a vector's fd does to interrupts already posted for it. RFC v1: the receiver's task work
/// receiver_clear_uvec clears the vector's bit in the UPID's PIR (intel/uintr-linux-kernel, arch/x86/kernel/uintr_core.c
/// at 2100ffbe); it leaves UIRR alone. uintr-next: uvecfd_release only drops its UPID reference and the PIR clearing is
/// commented out (arch/x86/kernel/uintr.c at fed8dc12), so the post survives.
/// </summary>
public class VectorReleaseTests
{
    [Fact]
    public void RFC_v1_the_receivers_own_last_close_clears_a_post_still_in_PIR()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], index, 0);
        Assert.Equal(1UL << 5, f.Pir(rx));
        f.Kernel.Close(rx, fds[0]);
        f.RunUntilIdle();

        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(0UL, rx.UintrState.Uirr);
    }

    [Fact]
    public void RFC_v1_a_close_by_another_task_clears_the_PIR_bit_before_the_return_to_user_folds_PIR()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        f.Kernel.SwitchOut(rx);

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], index, 0);
        f.Kernel.Close(tx, fds[0]);
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now + 1000, 40);
        f.RunUntilIdle();

        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(0UL, rx.UintrState.Uirr);
        Assert.Equal(0UL, rx.Receiver!.RegisteredVectors & (1UL << 5));
    }

    [Fact]
    public void RFC_v1_the_clear_leaves_other_vectors_posts_alone()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 6);
        var tx = f.RunningTask(1, "tx");
        ulong five = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        ulong six = (ulong)f.Kernel.RegisterSender(tx, fds[1], 0).Value;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], five, 0);
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], six, 0);
        f.Kernel.Close(rx, fds[0]);
        f.RunUntilIdle();

        Assert.Equal(1UL << 6, rx.UintrState.Uirr);
    }

    /// <summary>receiver_clear_uvec clears nothing once the thread has unregistered its handler (is_uintr_receiver is false).</summary>
    [Fact]
    public void RFC_v1_after_unregister_handler_the_last_close_leaves_the_PIR_alone()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], index, 0);
        f.Kernel.UnregisterHandler(rx, 0);

        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(1UL << 5, f.Pir(rx));
    }

    [Fact]
    public void uintr_next_leaves_the_post_in_PIR()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], index, 0);
        f.Kernel.Close(rx, fds[0]);
        f.RunUntilIdle();

        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
    }
}
