using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

public class FdLifetimeTests
{
    [Fact]
    public void The_last_close_by_another_task_unregisters_the_vector_when_the_receiver_next_enters_the_kernel()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var other = f.RunningTask(1, "other");

        Assert.False(f.Kernel.Close(other, fds[0]).Failed);

        // Deferred: still registered until the receiver runs its task work.
        Assert.NotEqual(0UL, rx.Receiver!.RegisteredVectors & (1UL << 5));
        Assert.Equal(Errno.ENOSPC, f.Kernel.CreateFd(rx, 64, 0).Error);   // any syscall entry runs the task work
        Assert.Equal(0UL, rx.Receiver.RegisteredVectors & (1UL << 5));
        Assert.False(f.Kernel.CreateFd(rx, 5, 0).Failed);
    }

    [Fact]
    public void The_receivers_own_last_close_unregisters_at_once()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        int dup = (int)f.Kernel.Dup(f.Process, fds[0]).Value;

        f.Kernel.Close(rx, fds[0]);
        Assert.NotEqual(0UL, rx.Receiver!.RegisteredVectors & (1UL << 5));
        f.Kernel.Close(rx, dup);
        Assert.Equal(0UL, rx.Receiver.RegisteredVectors & (1UL << 5));
    }

    [Fact]
    public void fork_inherits_the_fds_so_the_child_can_connect_and_send()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var child = f.Kernel.Fork(rx, "child");
        f.PlaceOn(child, 2);

        Assert.Null(child.Receiver);
        Assert.Equal(0, f.Kernel.RegisterSender(child, fds[0], 0).Value);
        var send = Senduipi.Execute(child.Cpu!, 0);
        Assert.Equal(rx.Receiver!.UpidAddress, send.UpidAddress);

        // The parent's close does not drop the vector while the child's copy is open.
        f.Kernel.Close(rx, fds[0]);
        Assert.NotEqual(0UL, rx.Receiver.RegisteredVectors & (1UL << 5));
    }

    [Fact]
    public void An_fd_passed_to_another_process_connects_there()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var otherProcess = f.Kernel.CreateProcess();
        var tx = f.RunningTask(1, "tx", otherProcess);

        int theirs = (int)f.Kernel.ShareFd(f.Process, fds[0], otherProcess).Value;

        Assert.Equal(0, f.Kernel.RegisterSender(tx, theirs, 0).Value);
        Assert.Equal(Errno.EBADF, f.Kernel.ShareFd(f.Process, 99, otherProcess).Error);
    }

    [Fact]
    public void exec_closes_the_uintr_fds_and_drops_the_handler()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 6);

        f.Kernel.Exec(rx);

        Assert.False(f.Process.HasFd(fds[0]));
        Assert.False(f.Process.HasFd(fds[1]));
        Assert.Equal(0UL, rx.UintrState.Handler);
        Assert.Equal(Errno.EINVAL, f.Kernel.CreateFd(rx, 1, 0).Error);
    }

    [Fact]
    public void After_the_receiver_exits_sends_land_in_the_kept_UPID_without_notifying_or_faulting()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);

        f.Kernel.ExitTask(rx);
        var send = Senduipi.Execute(tx.Cpu!, 0);

        Assert.False(send.SendNotification);
        Assert.Equal(1UL << 5, f.Pir(rx));
    }

    [Theory]
    [InlineData(KernelAbi.RfcV1, null, false)]
    [InlineData(KernelAbi.UintrNext, null, true)]
    [InlineData(KernelAbi.RfcV1, true, true)]
    [InlineData(KernelAbi.UintrNext, false, false)]
    public void The_UITT_is_per_thread_or_per_process(KernelAbi abi, bool? shared, bool expectShared)
    {
        var f = new KernelFixture(abi, sharedUitt: shared);
        var (_, fds) = f.Receiver(0, 5);
        var a = f.RunningTask(1, "a");
        var b = f.RunningTask(2, "b");

        f.Kernel.RegisterSender(a, fds[0], 0);

        if (expectShared && abi == KernelAbi.RfcV1)
        {
            Assert.Equal(Errno.EISCONN, f.Kernel.RegisterSender(b, fds[0], 0).Error);
            Assert.Equal(5, Senduipi.Execute(b.Cpu!, 0).UserVector);
        }
        else if (expectShared)
        {
            // uintr-next has no EISCONN: a second registration gets a second entry of the one UITT.
            Assert.Equal(1, f.Kernel.RegisterSender(b, fds[0], 0).Value);
            Assert.Equal(5, Senduipi.Execute(b.Cpu!, 0).UserVector);
        }
        else
        {
            Assert.Equal(0, f.Kernel.RegisterSender(b, fds[0], 0).Value);
            Assert.NotEqual(a.UintrState.UittAddress, b.UintrState.UittAddress);
        }
    }

    [Fact]
    public void register_self_connects_the_thread_to_its_own_UPID_without_an_fd()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, _) = f.Receiver(0, 1);

        long index = f.Kernel.RegisterSelf(rx, 9, 0).Value;
        var send = Senduipi.Execute(rx.Cpu!, (ulong)index);

        Assert.Equal(9, send.UserVector);
        Assert.Equal(rx.Receiver!.UpidAddress, send.UpidAddress);
        Assert.NotEqual(index, f.Kernel.RegisterSelf(rx, 9, 0).Value);   // uintr-next: no EBUSY, a second entry
        Assert.Equal(Errno.ENOSPC, f.Kernel.RegisterSelf(rx, 64, 0).Error);
    }

    // do_uintr_alt_stack (arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12): sp | 1, size ignored, sp = 0
    // back to the red zone, EOPNOTSUPP without a handler.
    [Fact]
    public void alt_stack_writes_sp_with_bit_0_ignores_the_size_and_can_be_turned_off()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, _) = f.Receiver(0, 1);

        Assert.False(f.Kernel.AltStack(rx, 0x7100_2000, 0x2008, 0).Failed);
        Assert.Equal(0x7100_2000UL | 1, rx.UintrState.StackAdjust);
        Assert.False(f.Kernel.AltStack(rx, 0x7100_0008, 12345, 0).Failed);
        Assert.Equal(0x7100_0009UL, rx.UintrState.StackAdjust);
        Assert.False(f.Kernel.AltStack(rx, 0, 4096, 0).Failed);
        Assert.Equal(KernelConstants.StackAdjust, rx.UintrState.StackAdjust);
        Assert.Equal(Errno.EOPNOTSUPP, f.Kernel.AltStack(f.RunningTask(1), 0x7100_0000, 4096, 0).Error);
    }
}
