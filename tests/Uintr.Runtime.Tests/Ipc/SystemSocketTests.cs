using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Uintr.CompilerServices;
using Uintr.Hardware;
using Uintr.Runtime.Tests.Hardware;

namespace Uintr.Runtime.Tests.Ipc;

/// <summary>
/// The real-Linux plumbing: socketpair, sendmsg/recvmsg with SCM_RIGHTS and inheritance by a real child process, run
/// for real on this machine. Where a uintr fd cannot exist here, the hardware backend runs on a recording kernel whose
/// "uintr fds" are real eventfds (the counter holds the vector), so they cross real sockets and processes.
/// </summary>
public sealed class SystemSocketTests
{
    private static (HardwarePlatform Platform, RecordingKernel Kernel) Hardware()
    {
        var kernel = new RecordingKernel(KernelAbi.UintrNext) { RealFds = true };
        return (new HardwarePlatform(TestReceivers.RecordedSupport(KernelAbi.UintrNext), kernel, new RecordingInstructions()), kernel);
    }

    private static UintrReceiver Receiver(HardwarePlatform platform, params int[] vectors)
    {
        ulong mask = 0;
        foreach (int vector in vectors)
        {
            mask |= 1UL << vector;
        }

        return UserInterruptRegistration.Register(platform, TestReceivers.Definition(mask, new List<int>()));
    }

    [Fact]
    public void An_ordinary_handle_crosses_a_real_socket_as_a_new_close_on_exec_fd_for_the_same_file()
    {
        var (a, b) = UintrSocket.CreateSystemPair();
        using var eventfd = TestFds.EventFdHandle(5);

        a.SendHandle(eventfd);
        using var received = b.ReceiveHandle(TimeSpan.FromSeconds(5));

        int original = (int)eventfd.DangerousGetHandle();
        int copy = (int)received.DangerousGetHandle();
        Assert.NotEqual(original, copy);
        Assert.True(TestFds.IsCloseOnExec(copy));
        TestFds.Add(copy, 10);
        Assert.Equal(15UL, TestFds.Counter(original));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void On_the_hardware_backend_a_uintr_fd_arrives_with_its_vector_and_the_same_open_file()
    {
        var (platform, kernel) = Hardware();
        using var r = Receiver(platform, 3);
        var (a, b) = platform.CreateSocketPair();

        a.Send(r.GetFd(3));
        using var fd = b.ReceiveFd(TimeSpan.FromSeconds(5));

        Assert.IsType<HardwareFd>(fd);
        Assert.Equal(3, fd.Vector);
        Assert.NotEqual(r.GetFd(3).Number, fd.Number);
        TestFds.Add(fd.Number, 1);
        Assert.Equal(TestFds.StandInBase + 3 + 1, TestFds.Counter(r.GetFd(3).Number));
        Assert.Contains($"identify({fd.Number})", kernel.Calls);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_non_uintr_fd_is_refused_with_EOPNOTSUPP_closed_and_the_socket_stays_usable()
    {
        var (platform, _) = Hardware();
        using var r = Receiver(platform, 4);
        var (a, b) = platform.CreateSocketPair();
        using var eventfd = TestFds.EventFdHandle();

        a.SendHandle(eventfd);
        a.Send(r.GetFd(4));
        var e = Assert.Throws<UintrException>(() => b.ReceiveFd(TimeSpan.FromSeconds(5)));

        Assert.Equal(Errno.EOPNOTSUPP, e.Errno);
        Assert.Contains("anon_inode:[eventfd], not a uintr fd", e.Message);
        Assert.Equal(1, TestFds.References((int)eventfd.DangerousGetHandle()));   // the received copy was closed
        using var next = b.ReceiveFd(TimeSpan.FromSeconds(5));
        Assert.Equal(4, next.Vector);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Sending_to_a_closed_peer_is_EPIPE_and_the_callers_fd_stays_open()
    {
        var (platform, _) = Hardware();
        using var r = Receiver(platform, 1);
        var (a, b) = platform.CreateSocketPair();
        b.Dispose();

        var e = Assert.Throws<UintrException>(() => a.Send(r.GetFd(1)));

        Assert.Equal(Errno.EPIPE, e.Errno);
        Assert.Equal("sendmsg", e.Syscall);
        Assert.True(TestFds.IsOpen(r.GetFd(1).Number));
        Assert.Throws<EndOfStreamException>(() => a.ReceiveFd(TimeSpan.FromSeconds(5)));
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.Send(r.GetFd(1)));
        Assert.Throws<ObjectDisposedException>(() => a.ReceiveHandle());
    }

    [Fact]
    public void A_peer_that_sends_closes_its_copy_and_its_end_still_delivers_the_fd_then_end_of_file()
    {
        var (platform, _) = Hardware();
        using var r = Receiver(platform, 2);
        var (a, b) = platform.CreateSocketPair();
        var copy = r.GetFd(2).Duplicate();

        a.Send(copy);
        copy.Dispose();
        a.Dispose();

        using var fd = b.ReceiveFd(TimeSpan.FromSeconds(5));
        Assert.Equal(2, fd.Vector);
        Assert.True(TestFds.IsOpen(fd.Number));
        Assert.Throws<EndOfStreamException>(() => b.ReceiveFd(TimeSpan.FromSeconds(5)));
        b.Dispose();
    }

    [Fact]
    public async Task A_receive_blocked_in_recvmsg_ends_when_the_peer_goes_away()
    {
        var (a, b) = UintrSocket.CreateSystemPair();
        var pending = Task.Run(() => b.ReceiveHandle());

        Assert.NotSame(pending, await Task.WhenAny(pending, Task.Delay(100)));
        a.Dispose();

        await Assert.ThrowsAsync<EndOfStreamException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        b.Dispose();
    }

    [Fact]
    public void An_fd_received_twice_gives_two_independent_references()
    {
        var (platform, _) = Hardware();
        using var r = Receiver(platform, 7);
        var (a, b) = platform.CreateSocketPair();

        a.Send(r.GetFd(7));
        a.Send(r.GetFd(7));
        var first = b.ReceiveFd(TimeSpan.FromSeconds(5));
        using var second = b.ReceiveFd(TimeSpan.FromSeconds(5));

        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal(3, TestFds.References(second.Number));   // the receiver's, and the two received
        first.Dispose();
        Assert.Equal(2, TestFds.References(second.Number));
        Assert.Equal(TestFds.StandInBase + 7, TestFds.Counter(second.Number));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_disposed_socket_is_named_by_its_public_type()
    {
        var (a, b) = UintrSocket.CreateSystemPair();
        a.Dispose();
        b.Dispose();

        Assert.Equal(typeof(UintrSocket).FullName, Assert.Throws<ObjectDisposedException>(() => a.ReceiveHandle()).ObjectName);
        Assert.Equal(typeof(UintrSocket).FullName, Assert.Throws<ObjectDisposedException>(() => UintrChildProcess.Start(new System.Diagnostics.ProcessStartInfo("/bin/true"), b)).ObjectName);
    }

    [Fact]
    public void Disposing_one_reference_to_a_socket_end_leaves_another_reference_connected()
    {
        var (a, b) = UintrSocket.CreateSystemPair();
        using var eventfd = TestFds.EventFdHandle(3);
        int inheritedCopy = TestFds.Dup(b.Number);   // what a child holds after inheriting b

        b.Dispose();
        a.SendHandle(eventfd);

        using var childEnd = UintrInheritance.FromItems([(UintrInheritedKind.Socket, inheritedCopy)], kernel: null).TakeSocket(0);
        using var received = childEnd.ReceiveHandle(TimeSpan.FromSeconds(5));
        Assert.Equal(3UL, TestFds.Counter((int)received.DangerousGetHandle()));
        a.Dispose();
    }

    [Fact]
    public void A_timed_out_receive_consumes_nothing()
    {
        var (a, b) = UintrSocket.CreateSystemPair();

        Assert.Throws<TimeoutException>(() => b.ReceiveHandle(TimeSpan.FromMilliseconds(20)));
        using var eventfd = TestFds.EventFdHandle(9);
        a.SendHandle(eventfd);
        using var received = b.ReceiveHandle(TimeSpan.FromSeconds(5));
        Assert.Equal(9UL, TestFds.Counter((int)received.DangerousGetHandle()));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_message_that_is_not_ours_is_reported_and_the_next_one_still_arrives()
    {
        var (a, b) = UintrSocket.CreateSystemPair();
        RawSocket.WriteBytes(a.Number, 1, 2, 3);
        using var eventfd = TestFds.EventFdHandle(2);
        a.SendHandle(eventfd);

        var e = Assert.Throws<InvalidDataException>(() => b.ReceiveHandle(TimeSpan.FromSeconds(5)));
        Assert.Contains("not a message of UintrSocket", e.Message);
        using var received = b.ReceiveHandle(TimeSpan.FromSeconds(5));
        Assert.Equal(2UL, TestFds.Counter((int)received.DangerousGetHandle()));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_system_pair_refuses_uintr_fds_before_touching_the_queue()
    {
        var (platform, _) = Hardware();
        using var r = Receiver(platform, 1);
        var (a, b) = UintrSocket.CreateSystemPair();
        using var eventfd = TestFds.EventFdHandle(4);
        a.SendHandle(eventfd);

        Assert.Throws<ArgumentException>(() => a.Send(r.GetFd(1)));
        Assert.Throws<InvalidOperationException>(() => b.ReceiveFd());
        using var received = b.ReceiveHandle(TimeSpan.FromSeconds(5));
        Assert.Equal(4UL, TestFds.Counter((int)received.DangerousGetHandle()));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void A_real_child_process_inherits_exactly_the_listed_fds_and_the_parent_keeps_no_duplicates()
    {
        using var eventfd = TestFds.EventFdHandle(1);
        var (a, b) = UintrSocket.CreateSystemPair();
        string report = Path.GetTempFileName();
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("{ echo \"$UINTR_INHERITED_FDS\"; for f in /proc/self/fd/*; do echo \"$f -> $(readlink $f)\"; done; } > \"$0\"");
        start.ArgumentList.Add(report);

        using var child = UintrChildProcess.Start(start, eventfd, b);

        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(1, TestFds.References((int)eventfd.DangerousGetHandle()));   // the parent's inheritable duplicates are closed
        Assert.Equal(1, TestFds.References(b.Number));
        string[] lines = File.ReadAllLines(report);
        File.Delete(report);
        var items = UintrInheritance.Parse(lines[0]);
        Assert.Equal([UintrInheritedKind.Handle, UintrInheritedKind.Socket], items.ConvertAll(i => i.Kind));
        Assert.Contains(lines, l => l.EndsWith($"/fd/{items[0].Number} -> anon_inode:[eventfd]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"/fd/{items[1].Number} -> socket:[", StringComparison.Ordinal));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void The_child_side_takes_inherited_fds_marks_them_close_on_exec_and_checks_their_kind()
    {
        var (platform, kernel) = Hardware();
        using var r = Receiver(platform, 6);
        int uintr = TestFds.Dup(r.GetFd(6).Number);      // what exec leaves: no close-on-exec
        int plain = TestFds.Dup((int)TestFds.EventFdHandle().DangerousGetHandle());
        var (a, b) = UintrSocket.CreateSystemPair();
        int socket = TestFds.Dup(b.Number);
        Assert.False(TestFds.IsCloseOnExec(uintr));

        using var inherited = UintrInheritance.FromItems(
            UintrInheritance.Parse($"uintr:{uintr},uintr:{plain},socket:{socket},handle:999"), kernel);

        Assert.True(TestFds.IsCloseOnExec(uintr));
        using var fd = inherited.TakeFd(0);
        Assert.Equal(6, fd.Vector);
        Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<UintrException>(() => inherited.TakeFd(1)).Errno);
        Assert.False(TestFds.IsOpen(plain));
        using var socketEnd = inherited.TakeSocket(2);
        Assert.Equal(Errno.EBADF, Assert.Throws<UintrException>(() => inherited.TakeHandle(3)).Errno);
        Assert.Throws<FormatException>(() => UintrInheritance.Parse("uintr:x"));
        Assert.Throws<FormatException>(() => UintrInheritance.Parse("pipe:4"));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Simulated_fds_cannot_be_inherited_by_a_real_process()
    {
        var sim = UintrPlatform.Simulator();
        var (a, b) = sim.CreateSocketPair();

        var e = Assert.Throws<ArgumentException>(() => UintrChildProcess.Start(new ProcessStartInfo("/bin/true"), a));
        Assert.Contains("exists only inside the simulator", e.Message);
        Assert.Throws<ArgumentException>(() => UintrInheritance.FromEnvironment(sim));
        a.Dispose();
        b.Dispose();
    }
}
