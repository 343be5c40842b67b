using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>Every errno path of docs/uintr-reference.md section 8.</summary>
public class SyscallErrnoTests
{
    private static void AssertErrno(Errno expected, SyscallResult result)
    {
        Assert.True(result.Failed, $"expected {expected}, got {result}");
        Assert.Equal(expected, result.Error);
        Assert.Equal(-(long)expected, result.Value);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Theory]
    [InlineData(KernelAbi.RfcV1, Errno.EOPNOTSUPP)]
    [InlineData(KernelAbi.UintrNext, Errno.ENOSYS)]
    public void Without_hardware_every_call_fails_with_the_ABIs_errno(KernelAbi abi, Errno expected)
    {
        var memory = new SimulatedMemory();
        var kernel = new UintrKernel(memory, new KernelOptions(abi), host: null, hardwareSupported: false);
        var task = kernel.CreateTask(kernel.CreateProcess(), "t");

        AssertErrno(expected, kernel.RegisterHandler(task, KernelFixture.Handler, 0));
        AssertErrno(expected, kernel.CreateFd(task, 1, 0));
        AssertErrno(expected, kernel.RegisterSender(task, 3, 0));
        AssertErrno(expected, kernel.UnregisterHandler(task, 0));
    }

    [Fact]
    public void Nonzero_flags_are_EINVAL_for_every_call()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(0, 1);

        AssertErrno(Errno.EINVAL, f.Kernel.RegisterHandler(f.RunningTask(1), KernelFixture.Handler, 1));
        AssertErrno(Errno.EINVAL, f.Kernel.CreateFd(rx, 2, 1));
        AssertErrno(Errno.EINVAL, f.Kernel.RegisterSender(rx, fds[0], 4));
        AssertErrno(Errno.EINVAL, f.Kernel.UnregisterSender(rx, 0, 1));
        AssertErrno(Errno.EINVAL, f.Kernel.UnregisterHandler(rx, 2));
        AssertErrno(Errno.EINVAL, f.Kernel.Wait(rx, 0, 1)!.Value);
        AssertErrno(Errno.EINVAL, f.Kernel.RegisterSelf(rx, 3, 1));
        AssertErrno(Errno.EINVAL, f.Kernel.AltStack(rx, 0x7000_0000, 4096, 1));
    }

    [Fact]
    public void register_handler_twice_is_EBUSY_and_address_0_is_EFAULT()
    {
        var f = new KernelFixture();
        var task = f.RunningTask(0);

        AssertErrno(Errno.EFAULT, f.Kernel.RegisterHandler(task, 0, 0));
        Assert.False(f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0).Failed);
        AssertErrno(Errno.EBUSY, f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0));
    }

    [Fact]
    public void register_handler_programs_the_MSRs_and_a_UPID_and_leaves_UIF_0()
    {
        var f = new KernelFixture();
        var task = f.RunningTask(2);

        f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0);

        var state = task.UintrState;
        Assert.Equal(KernelFixture.Handler, state.Handler);
        Assert.Equal(KernelConstants.StackAdjust, state.StackAdjust);
        Assert.Equal(KernelConstants.NotificationVector, state.Uinv);
        Assert.False(state.Uif);
        Assert.Equal(0UL, state.UpidAddress % 64);
        ulong control = f.Control(task);
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(control));
        Assert.Equal(f.Machine.Cores[2].Cpu.ApicId, Upid.Ndst(control));
    }

    [Fact]
    public void create_fd_needs_a_handler_a_vector_below_64_and_a_free_vector()
    {
        var f = new KernelFixture();
        var task = f.RunningTask(0);

        AssertErrno(Errno.EINVAL, f.Kernel.CreateFd(task, 1, 0));
        f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0);
        AssertErrno(Errno.ENOSPC, f.Kernel.CreateFd(task, 64, 0));
        Assert.Equal(3, f.Kernel.CreateFd(task, 63, 0).Value);
        AssertErrno(Errno.EBUSY, f.Kernel.CreateFd(task, 63, 0));
    }

    [Fact]
    public void register_sender_errnos_EBADF_EOPNOTSUPP_EISCONN()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        int pipe = f.Process.Install(new PlainFile("pipe"));

        AssertErrno(Errno.EBADF, f.Kernel.RegisterSender(tx, 99, 0));
        AssertErrno(Errno.EOPNOTSUPP, f.Kernel.RegisterSender(tx, pipe, 0));
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
        AssertErrno(Errno.EISCONN, f.Kernel.RegisterSender(tx, fds[0], 0));
    }

    // receiver_active: RFC v1 clears it in do_uintr_unregister_handler (arch/x86/kernel/uintr_core.c, 2100ffbe);
    // uintr-next leaves it set ("//upid_ctx->receiver_active = false;", arch/x86/kernel/uintr.c, fed8dc12).
    [Fact]
    public void register_sender_after_the_receiver_unregistered_is_ESHUTDOWN_on_RFC_v1_and_allowed_on_uintr_next()
    {
        var v1 = new KernelFixture(KernelAbi.RfcV1);
        var (rx1, fds1) = v1.Receiver(0, 5);
        v1.Kernel.UnregisterHandler(rx1, 0);
        AssertErrno(Errno.ESHUTDOWN, v1.Kernel.RegisterSender(v1.RunningTask(1, "tx"), fds1[0], 0));

        var next = new KernelFixture(KernelAbi.UintrNext);
        var (rx2, fds2) = next.Receiver(0, 5);
        next.Kernel.UnregisterHandler(rx2, 0);
        Assert.Equal(0, next.Kernel.RegisterSender(next.RunningTask(1, "tx"), fds2[0], 0).Value);
    }

    [Fact]
    public void uintr_next_has_no_EBUSY_from_vector_fd_and_no_EISCONN_from_register_sender()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");

        Assert.False(f.Kernel.CreateFd(rx, 5, 0).Failed);
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
        Assert.Equal(1, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
    }

    [Fact]
    public void uintr_next_waiting_flags_need_CONFIG_X86_UINTR_BLOCKING_and_uintr_wait_is_ENOSYS_without_it()
    {
        var with = new KernelFixture(KernelAbi.UintrNext);
        Assert.False(with.Kernel.RegisterHandler(with.RunningTask(0), KernelFixture.Handler, UintrKernel.WaitingReceiverFlag).Failed);
        AssertErrno(Errno.EINVAL, with.Kernel.RegisterHandler(with.RunningTask(1), KernelFixture.Handler, 0x4000));
        AssertErrno(Errno.EINVAL, new KernelFixture(KernelAbi.RfcV1).Kernel.RegisterHandler(new KernelFixture(KernelAbi.RfcV1).RunningTask(0), KernelFixture.Handler, UintrKernel.WaitingReceiverFlag));

        var without = new KernelFixture(KernelAbi.UintrNext, blockingConfigured: false);
        var task = without.RunningTask(0);
        AssertErrno(Errno.EINVAL, without.Kernel.RegisterHandler(task, KernelFixture.Handler, UintrKernel.WaitingReceiverFlag));
        Assert.False(without.Kernel.RegisterHandler(task, KernelFixture.Handler, 0).Failed);
        AssertErrno(Errno.ENOSYS, without.Kernel.Wait(task, 100, 0)!.Value);
    }

    [Fact]
    public void register_sender_after_the_receiver_exited_is_ESHUTDOWN()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.ExitTask(rx);

        AssertErrno(Errno.ESHUTDOWN, f.Kernel.RegisterSender(tx, fds[0], 0));
    }

    [Fact]
    public void A_full_UITT_is_ENOSPC()
    {
        var f = new KernelFixture();
        var tx = f.RunningTask(1, "tx");
        int connected = 0;
        for (int r = 0; r < 5; r++)
        {
            var rx = f.RunningTask(0, "rx" + r);
            f.Kernel.RegisterHandler(rx, KernelFixture.Handler, 0);
            for (int v = 0; v < 64 && connected < KernelConstants.UittEntries; v++)
            {
                int fd = (int)f.Kernel.CreateFd(rx, (ulong)v, 0).Value;
                Assert.Equal(connected, f.Kernel.RegisterSender(tx, fd, 0).Value);
                connected++;
            }
        }

        var last = f.RunningTask(2, "last");
        f.Kernel.RegisterHandler(last, KernelFixture.Handler, 0);
        int extra = (int)f.Kernel.CreateFd(last, 0, 0).Value;
        AssertErrno(Errno.ENOSPC, f.Kernel.RegisterSender(tx, extra, 0));
    }

    [Fact]
    public void unregister_sender_without_a_connection_is_EINVAL_in_both_ABIs()
    {
        var v1 = new KernelFixture(KernelAbi.RfcV1);
        var (_, fds) = v1.Receiver(0, 5);
        var tx = v1.RunningTask(1, "tx");
        AssertErrno(Errno.EINVAL, v1.Kernel.UnregisterSender(tx, fds[0], 0));
        AssertErrno(Errno.EBADF, v1.Kernel.UnregisterSender(tx, 77, 0));
        v1.Kernel.RegisterSender(tx, fds[0], 0);
        Assert.False(v1.Kernel.UnregisterSender(tx, fds[0], 0).Failed);

        var next = new KernelFixture(KernelAbi.UintrNext);
        var (_, nextFds) = next.Receiver(0, 5);
        var nextTx = next.RunningTask(1, "tx");
        AssertErrno(Errno.EINVAL, next.Kernel.UnregisterSender(nextTx, 0, 0));
        Assert.Equal(0, next.Kernel.RegisterSender(nextTx, nextFds[0], 0).Value);
        Assert.False(next.Kernel.UnregisterSender(nextTx, 0, 0).Failed);
        AssertErrno(Errno.EINVAL, next.Kernel.UnregisterSender(nextTx, 0, 0));
    }

    [Fact]
    public void unregister_handler_without_one_is_EINVAL()
    {
        var f = new KernelFixture();
        AssertErrno(Errno.EINVAL, f.Kernel.UnregisterHandler(f.RunningTask(0), 0));
    }

    [Fact]
    public void wait_with_a_timeout_over_1e9_us_is_EINVAL_before_the_handler_is_looked_at_and_without_a_handler_is_EOPNOTSUPP()
    {
        // sys_uintr_wait checks usec before uintr_receiver_wait checks the receiver (arch/x86/kernel/uintr.c at fed8dc12).
        var f = new KernelFixture(KernelAbi.UintrNext);
        var noHandler = f.RunningTask(1);
        AssertErrno(Errno.EINVAL, f.Kernel.Wait(noHandler, KernelConstants.MaxWaitMicroseconds + 1, 0)!.Value);
        AssertErrno(Errno.EOPNOTSUPP, f.Kernel.Wait(noHandler, 1, 0)!.Value);
    }

    [Fact]
    public void close_of_an_unknown_fd_is_EBADF_and_dup_of_one_too()
    {
        var f = new KernelFixture();
        var task = f.RunningTask(0);
        AssertErrno(Errno.EBADF, f.Kernel.Close(task, 42));
        AssertErrno(Errno.EBADF, f.Kernel.Dup(f.Process, 42));
    }

    [Fact]
    public void register_self_and_alt_stack_exist_only_in_uintr_next()
    {
        var f = new KernelFixture(KernelAbi.RfcV1);
        var (rx, _) = f.Receiver(0, 1);
        AssertErrno(Errno.ENOSYS, f.Kernel.RegisterSelf(rx, 2, 0));
        AssertErrno(Errno.ENOSYS, f.Kernel.AltStack(rx, 0x7000_0000, 4096, 0));
    }
}
