namespace Uintr.Runtime.Tests.Simulation;

/// <summary>The errno paths the public API can reach on the simulator (the kernel model's own tests cover every syscall).</summary>
public class SimulatorErrnoTests
{
    private static void OnThread(UintrSimulator sim, System.Action body) => sim.StartThread("t", body).Join();

    [Fact]
    public void Registering_a_second_receiver_on_one_thread_is_EBUSY()
    {
        var sim = UintrPlatform.Simulator();
        OnThread(sim, () =>
        {
            using var first = new TestReceiver(1).Register(sim);
            var error = Assert.Throws<UintrException>(() => new TestReceiver(2).Register(sim));
            Assert.Equal(Errno.EBUSY, error.Errno);
            Assert.Equal("uintr_register_handler", error.Syscall);
        });
    }

    [Fact]
    public void Connecting_twice_to_one_fd_is_EISCONN()
    {
        var sim = UintrPlatform.Simulator();
        OnThread(sim, () =>
        {
            using var r = new TestReceiver(1).Register(sim);
            using var sender = sim.RegisterSender(r.GetFd(1));
            Assert.Equal(Errno.EISCONN, Assert.Throws<UintrException>(() => sim.RegisterSender(r.GetFd(1))).Errno);
        });
    }

    [Fact]
    public void A_disposed_fd_is_EBADF()
    {
        var sim = UintrPlatform.Simulator();
        OnThread(sim, () =>
        {
            using var r = new TestReceiver(1).Register(sim);
            var copy = r.GetFd(1).Duplicate();
            copy.Dispose();
            Assert.Equal(Errno.EBADF, Assert.Throws<UintrException>(() => sim.RegisterSender(copy)).Errno);
        });
    }

    [Fact]
    public void A_duplicate_keeps_the_vector_registered_until_every_reference_is_closed()
    {
        var sim = UintrPlatform.Simulator();
        OnThread(sim, () =>
        {
            var r = new TestReceiver(4).Register(sim);
            var dup = r.GetFd(4).Duplicate();
            Assert.NotEqual(r.GetFd(4).Number, dup.Number);
            r.GetFd(4).Dispose();

            using (var sender = sim.RegisterSender(dup))
            {
                Assert.Equal(0, sender.Index);
            }

            var another = dup.Duplicate();
            dup.Dispose();
            another.Dispose();
            var reopened = r.GetFd(4);
            Assert.True(reopened.IsDisposed);
            r.Dispose();
        });
    }

    [Fact]
    public void After_the_last_close_a_new_sender_gets_ECONNRESET()
    {
        var sim = UintrPlatform.Simulator();
        OnThread(sim, () =>
        {
            using var r = new TestReceiver(4, 5).Register(sim);
            var dup = r.GetFd(4).Duplicate();
            r.GetFd(4).Dispose();
            var keep = dup.Duplicate();
            dup.Dispose();
            keep.Dispose();

            // The fd numbers are free again; the vector is gone: a new fd for vector 5 still works.
            using var s5 = sim.RegisterSender(r.GetFd(5));
            Assert.Equal(0, s5.Index);
        });
    }

    [Fact]
    public void Sending_after_the_receiver_exited_goes_nowhere_without_faults()
    {
        var sim = UintrPlatform.Simulator();
        UintrFd? fd = null;
        bool receiverGone = false;
        var receiver = new TestReceiver(6);
        var rx = sim.StartThread("rx", () =>
        {
            var r = receiver.Register(sim);
            fd = r.GetFd(6).Duplicate();

            // Exit without disposing: the kernel keeps the UPID while the duplicate fd and the sender hold it.
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            rx.Join();
            receiverGone = true;
            Assert.Equal(Errno.ESHUTDOWN, Assert.Throws<UintrException>(() => sim.RegisterSender(fd!)).Errno);
        });
        tx.Join();
        Assert.True(receiverGone);
        Assert.Empty(receiver.Handled);
    }

    [Fact]
    public void Sending_from_a_thread_without_a_sender_is_UD_and_a_bad_index_is_GP()
    {
        var sim = UintrPlatform.Simulator();
        UintrSender? sender = null;
        bool tested = false;
        var owner = sim.StartThread("owner", () =>
        {
            using var r = new TestReceiver(1, 2).Register(sim);
            using var s1 = sim.RegisterSender(r.GetFd(1));
            sender = s1;
            sim.SpinUntil(() => tested);
        });
        var other = sim.StartThread("other", () =>
        {
            sim.SpinUntil(() => sender is not null);
            var fault = Assert.Throws<UintrFaultException>(() => sender!.Send());
            Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
            Assert.Equal("SENDUIPI", fault.Instruction);
            Assert.Equal("SIGILL", fault.Signal);
            tested = true;
        });
        other.Join();
        owner.Join();
    }
}
