using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>SCM_RIGHTS, spawn with inherited fds and process exit in the simulated kernel.</summary>
public class FdPassingTests
{
    private static bool Registered(SimTask receiver, int vector) => (receiver.Receiver!.RegisteredVectors & (1UL << vector)) != 0;

    [Fact]
    public void A_passed_fd_connects_the_other_process_through_its_own_UITT()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var other = f.Kernel.CreateProcess();
        var tx = f.RunningTask(1, "tx", other);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);
        int theirsInOther = (int)f.Kernel.ShareFd(f.Process, theirs, other).Value;
        f.Kernel.Close(rx, theirs);

        Assert.False(f.Kernel.SendFds(f.Process, mine, [fds[0]]).Failed);
        var (received, error) = f.Kernel.ReceiveFds(other, theirsInOther);

        Assert.False(error.Failed);
        var (fd, file) = Assert.Single(received!);
        Assert.Same(f.Process.Fds.Single(e => e.Key == fds[0]).Value, file);
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fd, 0).Value);
        Assert.NotEqual(0UL, tx.UintrState.UittAddress);
        var send = Senduipi.Execute(tx.Cpu!, 0);
        Assert.Equal(rx.Receiver!.UpidAddress, send.UpidAddress);
        Assert.Equal(5, send.UserVector);
    }

    [Fact]
    public void An_fd_in_flight_keeps_the_vector_registered_after_the_sender_closed_its_copy()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);

        f.Kernel.SendFds(f.Process, mine, [fds[0]]);
        f.Kernel.Close(rx, fds[0]);

        Assert.True(Registered(rx, 5));
        var (received, _) = f.Kernel.ReceiveFds(f.Process, theirs);
        Assert.Single(received!);
        Assert.True(Registered(rx, 5));
    }

    [Fact]
    public void A_received_fd_takes_over_the_in_flight_reference_so_closing_it_last_unregisters_the_vector()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);
        f.Kernel.SendFds(f.Process, mine, [fds[0]]);
        f.Kernel.Close(rx, fds[0]);
        var (received, _) = f.Kernel.ReceiveFds(f.Process, theirs);

        f.Kernel.Close(rx, received![0].Fd);

        Assert.False(Registered(rx, 5));
    }

    [Fact]
    public void Closing_a_socket_with_an_unreceived_fd_releases_it_and_the_last_reference_unregisters_the_vector()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);
        f.Kernel.SendFds(f.Process, mine, [fds[0]]);
        f.Kernel.Close(rx, fds[0]);

        f.Kernel.Close(rx, theirs);

        Assert.False(Registered(rx, 5));
        Assert.Equal(Errno.EPIPE, f.Kernel.SendFds(f.Process, mine, [mine]).Error);
    }

    [Fact]
    public void The_peer_reads_end_of_file_once_the_other_end_is_closed_and_the_queue_is_drained()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);

        Assert.Null(f.Kernel.ReceiveFds(f.Process, theirs).Received);
        Assert.False(f.Kernel.SocketReadable(f.Process, theirs));
        f.Kernel.SendFds(f.Process, mine, [fds[0]]);
        f.Kernel.Close(rx, mine);

        Assert.True(f.Kernel.SocketReadable(f.Process, theirs));
        Assert.Single(f.Kernel.ReceiveFds(f.Process, theirs).Received!);
        Assert.Empty(f.Kernel.ReceiveFds(f.Process, theirs).Received!);
    }

    [Fact]
    public void sendmsg_with_one_bad_fd_queues_nothing_and_takes_no_reference()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (mine, theirs) = f.Kernel.SocketPair(f.Process);

        Assert.Equal(Errno.EBADF, f.Kernel.SendFds(f.Process, mine, [fds[0], 77]).Error);
        Assert.Equal(Errno.ENOTSOCK, f.Kernel.SendFds(f.Process, fds[0], [fds[0]]).Error);
        Assert.Equal(Errno.EBADF, f.Kernel.SendFds(f.Process, 77, [fds[0]]).Error);

        Assert.Null(f.Kernel.ReceiveFds(f.Process, theirs).Received);
        f.Kernel.Close(rx, fds[0]);
        Assert.False(Registered(rx, 5));
    }

    [Fact]
    public void A_spawned_process_starts_with_only_the_inherited_fds_at_the_same_numbers()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5, 6);

        Assert.False(f.Kernel.Spawn(f.Process, [fds[1]], "child", out var child).Failed);

        Assert.Equal([fds[1]], child.Fds.Select(e => e.Key));
        Assert.Equal("child", child.Name);
        Assert.Equal(Errno.EBADF, f.Kernel.Spawn(f.Process, [99], "bad", out _).Error);
    }

    [Fact]
    public void The_exit_of_a_process_closes_its_fds_and_the_last_reference_unregisters_the_vector()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        f.Kernel.Spawn(f.Process, [fds[0]], "child", out var child);
        var task = f.RunningTask(1, "child", child);
        f.Kernel.Close(rx, fds[0]);
        Assert.True(Registered(rx, 5));

        f.Kernel.ExitTask(task);
        f.Kernel.ExitProcess(child, task);

        Assert.True(child.Exited);
        Assert.Empty(child.Fds);
        Assert.NotEqual(0UL, rx.Receiver!.PendingUnregister);   // deferred: the receiver runs it as task work
        f.Kernel.RunTaskWork(rx);
        Assert.False(Registered(rx, 5));
    }
}
