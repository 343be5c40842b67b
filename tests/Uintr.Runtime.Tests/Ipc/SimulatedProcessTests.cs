using System;
using System.IO;
using System.Linq;
using Uintr.Runtime.Tests.Simulation;
using Uintr.Simulation.Hosting;

namespace Uintr.Runtime.Tests.Ipc;

/// <summary>
/// Uintr fds between simulated processes through the public API: a receiver in one process, a sender in another that
/// connects through its own UITT, fds passed over a UintrSocket or inherited, and the kernel's lifetime rules.
/// </summary>
public class SimulatedProcessTests
{
    private static UintrSimulator Simulator() => UintrPlatform.Simulator(new SimulatorOptions { Cores = 6 });

    private static int Pid(UintrSimulator sim) => sim.Host.Current().Task.Process.Pid;

    [Fact]
    public void A_client_process_gets_the_fd_over_a_socket_and_its_sends_reach_the_server()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(3);
        var (serverEnd, clientEnd) = sim.CreateSocketPair();
        int clientPid = 0;
        int clientIndex = -1;
        ulong clientUitt = 0;
        ulong serverUitt = 0;

        using var client = sim.StartProcess("client", inherited =>
        {
            using var socket = inherited.TakeSocket(0);
            using var fd = socket.ReceiveFd(TimeSpan.FromMilliseconds(1));
            using var sender = sim.RegisterSender(fd);
            clientPid = Pid(sim);
            clientIndex = sender.Index;
            clientUitt = sim.Host.Current().Task.UintrState.UittAddress;
            for (int i = 0; i < 3; i++)
            {
                int before = receiver.Handled.Count;
                sender.Send();
                sim.SpinUntil(() => receiver.Handled.Count > before, TimeSpan.FromMilliseconds(1));
            }
        }, clientEnd);
        clientEnd.Dispose();

        using (var r = receiver.Register(sim))
        {
            using var selfSender = sim.RegisterSender(r.GetFd(3));
            serverUitt = sim.Host.Current().Task.UintrState.UittAddress;
            serverEnd.Send(r.GetFd(3));
            while (receiver.Handled.Count < 3)
            {
                r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1));
            }
        }

        Assert.True(client.WaitForExit(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(0, client.ExitCode);
        Assert.Equal([3, 3, 3], receiver.Handled);
        Assert.NotEqual(Pid(sim), clientPid);
        Assert.Equal(client.Id, clientPid);
        Assert.Equal(0, clientIndex);   // a fresh UITT of its own, not the server's
        Assert.NotEqual(0UL, clientUitt);
        Assert.NotEqual(serverUitt, clientUitt);
        serverEnd.Dispose();
    }

    [Fact]
    public void A_child_process_inherits_the_fd_and_connects_with_it()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(9);
        using var r = receiver.Register(sim);

        using var child = sim.StartProcess("child", inherited =>
        {
            Assert.Equal(1, inherited.Count);
            Assert.Equal(UintrInheritedKind.UintrFd, inherited.KindOf(0));
            using var fd = inherited.TakeFd(0);
            Assert.Equal(9, fd.Vector);
            using var sender = sim.RegisterSender(fd);
            sender.Send();
        }, r.GetFd(9));

        while (receiver.Handled.Count == 0)
        {
            r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1));
        }

        Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));
        Assert.Equal([9], receiver.Handled);
    }

    [Fact]
    public void The_vector_stays_while_another_process_holds_a_reference_and_goes_with_its_last_close_there()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(4);
        using var r = receiver.Register(sim);
        var receiverTask = sim.Host.Current().Task;
        var duplicate = r.GetFd(4).Duplicate();
        bool childMayClose = false;

        using var child = sim.StartProcess("holder", inherited =>
        {
            var fd = inherited.TakeFd(0);
            sim.SpinUntil(() => childMayClose);
            fd.Dispose();
        }, duplicate);
        duplicate.Dispose();

        sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
        Assert.NotEqual(0UL, receiverTask.Receiver!.RegisteredVectors & (1UL << 4));

        // Close the receiver's own reference: the child's copy is now the last one.
        r.GetFd(4).Dispose();
        Assert.NotEqual(0UL, receiverTask.Receiver.RegisteredVectors & (1UL << 4));

        childMayClose = true;
        Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));
        sim.Machine.Kernel.RunTaskWork(receiverTask);
        Assert.Equal(0UL, receiverTask.Receiver.RegisteredVectors & (1UL << 4));
    }

    [Fact]
    public void A_process_that_exits_holding_the_last_reference_ends_the_connection()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(4);
        using var r = receiver.Register(sim);
        var receiverTask = sim.Host.Current().Task;
        var own = r.GetFd(4);
        var duplicate = own.Duplicate();

        using var child = sim.StartProcess("leaker", inherited => inherited.TakeFd(0), duplicate);   // never disposed: exit closes it
        duplicate.Dispose();
        own.Dispose();   // the receiver's own reference; the child's is now the last

        Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));
        var e = Assert.Throws<UintrException>(() => sim.Host.Syscall("uintr_create_fd", t => sim.Machine.Kernel.CreateFd(t.Task, 64, 0)));
        Assert.Equal(Errno.ENOSPC, e.Errno);   // any kernel entry runs the receiver's task work
        Assert.Equal(0UL, receiverTask.Receiver!.RegisteredVectors & (1UL << 4));
    }

    [Fact]
    public void A_peer_that_sends_and_exits_before_the_fd_is_received_still_delivers_a_working_fd()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(2);
        var (parentEnd, childEnd) = sim.CreateSocketPair();

        using (var r = receiver.Register(sim))
        {
            using var child = sim.StartProcess("courier", inherited =>
            {
                using var socket = inherited.TakeSocket(0);
                using var fd = inherited.TakeFd(1);
                socket.Send(fd);
            }, childEnd, r.GetFd(2));
            childEnd.Dispose();
            Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));

            using var received = parentEnd.ReceiveFd();
            using var sender = sim.RegisterSender(received);
            sender.Send();
            r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1));

            // Then the child's end is gone: end-of-file, not a hang.
            var eof = Assert.Throws<EndOfStreamException>(() => parentEnd.ReceiveFd());
            Assert.Contains("closed its end", eof.Message);
        }

        Assert.Equal([2], receiver.Handled);
        parentEnd.Dispose();
    }

    [Fact]
    public void A_receive_blocked_while_the_peer_exits_without_sending_ends_with_end_of_file()
    {
        var sim = Simulator();
        var (parentEnd, childEnd) = sim.CreateSocketPair();
        using var child = sim.StartProcess("quitter", inherited => sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(20)), childEnd);
        childEnd.Dispose();

        Assert.Throws<EndOfStreamException>(() => parentEnd.ReceiveFd());
        Assert.True(child.HasExited);
        parentEnd.Dispose();
    }

    [Fact]
    public void A_send_to_a_closed_peer_fails_with_EPIPE_and_the_fd_stays_usable()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(1);
        using var r = receiver.Register(sim);
        var (mine, theirs) = sim.CreateSocketPair();
        theirs.Dispose();

        var e = Assert.Throws<UintrException>(() => mine.Send(r.GetFd(1)));

        Assert.Equal(Errno.EPIPE, e.Errno);
        Assert.Equal("sendmsg", e.Syscall);
        using var sender = sim.RegisterSender(r.GetFd(1));
        sender.Send();
        Assert.Equal(1, r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1)));
        mine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => mine.Send(r.GetFd(1)));
        Assert.Throws<ObjectDisposedException>(() => mine.ReceiveFd());
    }

    [Fact]
    public void A_disposed_socket_or_fd_is_named_by_its_public_type()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(1);
        using var r = receiver.Register(sim);
        var (mine, theirs) = sim.CreateSocketPair();
        var closed = r.GetFd(1).Duplicate();
        closed.Dispose();

        Assert.Equal(typeof(UintrFd).FullName, Assert.Throws<ObjectDisposedException>(() => mine.Send(closed)).ObjectName);
        Assert.Equal(typeof(UintrFd).FullName, Assert.Throws<ObjectDisposedException>(() => sim.StartProcess("child", _ => { }, closed)).ObjectName);
        theirs.Dispose();
        Assert.Equal(typeof(UintrSocket).FullName, Assert.Throws<ObjectDisposedException>(() => theirs.ReceiveFd()).ObjectName);
        Assert.Equal(typeof(UintrSocket).FullName, Assert.Throws<ObjectDisposedException>(() => sim.StartProcess("child", _ => { }, theirs)).ObjectName);
        mine.Dispose();
    }

    [Fact]
    public void A_non_uintr_fd_is_refused_with_EOPNOTSUPP_closed_and_the_next_message_still_arrives()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(6);
        using var r = receiver.Register(sim);
        var (mine, theirs) = sim.CreateSocketPair();
        var process = sim.Host.Current().Task.Process;
        int before = process.Fds.Count;

        // A socket fd is the non-uintr file a simulated process can hold; pass it as the peer would.
        sim.Host.Syscall("sendmsg", _ => sim.Machine.Kernel.SendFds(process, mine.Number, [mine.Number]));
        mine.Send(r.GetFd(6));

        var e = Assert.Throws<UintrException>(() => theirs.ReceiveFd());
        Assert.Equal(Errno.EOPNOTSUPP, e.Errno);
        Assert.Contains("socket fd, not a uintr fd", e.Message);
        Assert.Equal(before, process.Fds.Count);   // the stray fd was closed
        using var next = theirs.ReceiveFd();
        Assert.Equal(6, next.Vector);
        mine.Dispose();
        theirs.Dispose();
    }

    [Fact]
    public void An_fd_received_twice_is_two_references_one_connection_per_thread_and_EISCONN_for_the_second()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(8);
        using var r = receiver.Register(sim);
        var (mine, theirs) = sim.CreateSocketPair();
        mine.Send(r.GetFd(8));
        mine.Send(r.GetFd(8));

        using var first = theirs.ReceiveFd();
        var second = theirs.ReceiveFd();
        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal(first.Vector, second.Vector);

        int sent = 0;
        var tx = sim.StartThread("tx", () =>
        {
            using var sender = sim.RegisterSender(first);
            var e = Assert.Throws<UintrException>(() => sim.RegisterSender(second));
            Assert.Equal(Errno.EISCONN, e.Errno);
            second.Dispose();   // one reference less; the connection stays
            sender.Send();
            sent++;
        });
        tx.Join();

        Assert.Equal(1, sent);
        Assert.Equal(1, r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1)));
        Assert.Equal([8], receiver.Handled);
        mine.Dispose();
        theirs.Dispose();
    }

    [Fact]
    public void Using_another_processs_fd_object_is_refused_naming_both_processes()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(5);
        using var r = receiver.Register(sim);
        var fd = r.GetFd(5);
        Exception? seen = null;

        using var child = sim.StartProcess("intruder", _ => seen = Record(() => sim.RegisterSender(fd).Dispose()));
        Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));

        var e = Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("('main')", e.Message);
        Assert.Contains("('intruder')", e.Message);
        Assert.Contains("inheritance", e.Message);
    }

    [Fact]
    public void Each_inherited_item_is_taken_once_and_as_its_own_kind()
    {
        var sim = Simulator();
        var receiver = new TestReceiver(5);
        using var r = receiver.Register(sim);
        var (a, b) = sim.CreateSocketPair();
        Exception? wrongKind = null;
        Exception? twice = null;
        Exception? outOfRange = null;

        using var child = sim.StartProcess("taker", inherited =>
        {
            wrongKind = Record(() => inherited.TakeSocket(0));
            using var fd = inherited.TakeFd(0);
            twice = Record(() => inherited.TakeFd(0));
            outOfRange = Record(() => inherited.TakeFd(2));
        }, r.GetFd(5), b);
        Assert.True(child.WaitForExit(TimeSpan.FromMilliseconds(1)));

        Assert.Contains("is a UintrFd, not a Socket", Assert.IsType<InvalidOperationException>(wrongKind).Message);
        Assert.Contains("taken already", Assert.IsType<InvalidOperationException>(twice).Message);
        Assert.IsType<ArgumentOutOfRangeException>(outOfRange);

        // The untaken socket end closed with the child: the parent's end of that pair sees the peer gone.
        b.Dispose();
        Assert.Throws<UintrException>(() => a.Send(r.GetFd(5)));
        a.Dispose();
    }

    [Fact]
    public void A_body_that_throws_exits_with_code_1()
    {
        var sim = Simulator();
        using var child = sim.StartProcess("crasher", _ => throw new InvalidOperationException("boom"));

        Assert.Throws<InvalidOperationException>(() => child.ExitCode);
        Assert.True(child.WaitForExit());
        Assert.Equal(1, child.ExitCode);
    }

    [Fact]
    public void Ordinary_handles_do_not_enter_the_simulator()
    {
        var sim = Simulator();
        var (a, b) = sim.CreateSocketPair();
        using var eventfd = TestFds.EventFdHandle();

        Assert.Throws<NotSupportedException>(() => a.SendHandle(eventfd));
        Assert.Throws<NotSupportedException>(() => b.ReceiveHandle());
        Assert.Throws<ArgumentException>(() => sim.StartProcess("x", _ => { }, eventfd));
        a.Dispose();
        b.Dispose();
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
