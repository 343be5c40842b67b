using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// A refused system call says what was wrong: besides the errno, its reason names the fd, address, value or system
/// call at fault, which is what the exception the hosting layer throws shows the user.
/// </summary>
public class SyscallErrorReasonTests
{
    private static void AssertRefused(Errno errno, SyscallResult result, params string[] named)
    {
        Assert.Equal(errno, result.Error);
        foreach (string text in named)
        {
            Assert.Contains(text, result.Reason);
        }
    }

    [Fact]
    public void A_result_prints_as_its_value_or_as_minus_errno_with_the_reason()
    {
        Assert.Equal("3", SyscallResult.Ok(3).ToString());
        Assert.Equal(string.Empty, SyscallResult.Ok(3).Reason);
        Assert.Equal("-EBADF (fd 9 is not open)", SyscallResult.Fail(Errno.EBADF, "fd 9 is not open").ToString());
    }

    [Fact]
    public void The_vector_calls_without_a_handler_name_the_system_call()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var task = f.RunningTask(0);

        AssertRefused(Errno.EINVAL, f.Kernel.CreateFd(task, 1, 0), "uintr_create_fd");
        AssertRefused(Errno.EINVAL, f.Kernel.RegisterSelf(task, 1, 0), "uintr_register_self");
        AssertRefused(Errno.EOPNOTSUPP, f.Kernel.AltStack(task, 0x7000_0000, 4096, 0), "handler");
    }

    [Fact]
    public void Fd_errors_name_the_fd()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var other = f.Kernel.CreateProcess();
        var (socket, peer) = f.Kernel.SocketPair(f.Process);

        AssertRefused(Errno.EBADF, f.Kernel.ShareFd(f.Process, 42, other), "fd 42");
        AssertRefused(Errno.EBADF, f.Kernel.SendFds(f.Process, 42, [fds[0]]), "socket fd 42");
        AssertRefused(Errno.ENOTSOCK, f.Kernel.SendFds(f.Process, fds[0], [fds[0]]), $"fd {fds[0]} is a uintr");
        AssertRefused(Errno.EBADF, f.Kernel.SendFds(f.Process, socket, [fds[0], 42]), "fd 42");
        AssertRefused(Errno.EBADF, f.Kernel.ReceiveFds(f.Process, 42).Error, "socket fd 42");
        AssertRefused(Errno.ENOTSOCK, f.Kernel.ReceiveFds(f.Process, fds[0]).Error, $"fd {fds[0]} is a uintr");
        Assert.Null(f.Kernel.ReceiveFds(f.Process, 42).Received);
        AssertRefused(Errno.EBADF, f.Kernel.Spawn(f.Process, [fds[0], 42], "child", out _), "fd 42");

        f.Kernel.Close(f.RunningTask(1), peer);
        AssertRefused(Errno.EPIPE, f.Kernel.SendFds(f.Process, socket, [fds[0]]), "peer");
    }

    [Fact]
    public void Futex_errors_name_the_address_and_the_values()
    {
        var f = new KernelFixture();
        ulong word = f.Machine.UserMemory.Allocate(64, 64);
        f.Machine.Memory.WriteUInt32(word, 7);
        var task = f.RunningTask(0);

        AssertRefused(Errno.EINVAL, f.Kernel.FutexWaitOn(task, word + 2, 7)!.Value, $"0x{word + 2:X}");
        AssertRefused(UintrKernel.EAGAIN, f.Kernel.FutexWaitOn(task, word, 8)!.Value, "7", "8");
    }

    [Fact]
    public void Simulator_errors_name_the_task_or_the_address()
    {
        var f = new KernelFixture();
        var (rx, _) = f.Receiver(0, 5);
        f.Kernel.SwitchOut(rx);
        var allocator = new AddressSpaceAllocator(new SimulatedMemory(), 0x1_0000, 0x1_2000);
        allocator.Allocate(0x1000, 0x1000);

        Assert.Contains("rx", Assert.Throws<System.InvalidOperationException>(() => rx.UintrState).Message);
        Assert.Contains("0x11000", Assert.Throws<System.InvalidOperationException>(() => allocator.Allocate(0x1001, 0x1000)).Message);
    }
}
