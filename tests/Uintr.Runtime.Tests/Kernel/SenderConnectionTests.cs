using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// The sender side of both kernel trees: init_uitt / teardown_uitt, uintr_register_sender, uintr_unregister_sender and
/// the UITT entries they write (arch/x86/kernel/uintr_core.c and uintr_fd.c at intel/uintr-linux-kernel 2100ffbe for
/// RFC v1; arch/x86/kernel/uintr.c at fed8dc12 for uintr-next).
/// </summary>
public class SenderConnectionTests
{
    private static UintrFault SendFault(SimTask sender, ulong index) =>
        Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(sender.Cpu!, index)).Fault;

    /// <summary>init_uitt: IA32_UINTR_TT = UITT | 1, UITTSZ = 255 and MISC bits 63:32 (UINV) kept.</summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void The_first_register_sender_enables_SENDUIPI_and_keeps_the_threads_own_UINV(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var (_, fds) = f.Receiver(0, 5);
        var (both, _) = f.Receiver(1, 9);

        Assert.Equal(0, f.Kernel.RegisterSender(both, fds[0], 0).Value);

        var state = f.Machine.Cores[1].Cpu.State;
        Assert.True(state.SenduipiEnabled);
        Assert.Equal(UintrMsr.TtValid, state.UittRaw & 0xF);
        Assert.Equal((ulong)KernelConstants.NotificationVector << 32 | 255, state.Misc);
        Assert.Equal(5, Senduipi.Execute(both.Cpu!, 0).UserVector);
    }

    /// <summary>
    /// The UITT holds 256 entries of 16 bytes (alloc_uitt: UINTR_MAX_UITT_NR * 16): all of them can be used and none
    /// overlaps a kernel object allocated after the table. The 257th connection is ENOSPC.
    /// </summary>
    [Fact]
    public void uintr_next_a_full_UITT_has_256_entries_that_overlap_nothing()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (_, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
        var (late, lateFds) = f.Receiver(2, 7);   // its UPID is allocated after the UITT
        ulong lateControl = f.Control(late);

        for (int i = 1; i < KernelConstants.UittEntries; i++)
        {
            Assert.Equal(i, f.Kernel.RegisterSender(tx, lateFds[0], 0).Value);
        }

        var full = f.Kernel.RegisterSender(tx, fds[0], 0);
        Assert.Equal(Errno.ENOSPC, full.Error);
        Assert.Contains("256", full.Reason);
        Assert.Equal(lateControl, f.Control(late));
        Assert.Equal(5, Senduipi.Execute(tx.Cpu!, 0).UserVector);
        Assert.Equal(late.Receiver!.UpidAddress, Senduipi.Execute(tx.Cpu!, 255).UpidAddress);
    }

    /// <summary>RFC v1: unregister_sender marks the entry invalid (a later SENDUIPI on it is #GP); other entries stay.</summary>
    [Fact]
    public void RFC_v1_unregister_sender_invalidates_only_that_entry()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5, 6);
        var tx = f.RunningTask(1, "tx");
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
        Assert.Equal(1, f.Kernel.RegisterSender(tx, fds[1], 0).Value);

        Assert.False(f.Kernel.UnregisterSender(tx, fds[0], 0).Failed);

        Assert.Equal(UintrFault.GeneralProtection, SendFault(tx, 0));
        Assert.Equal(6, Senduipi.Execute(tx.Cpu!, 1).UserVector);
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);
    }

    /// <summary>
    /// RFC v1: the entry is freed by task work (sender_free_uitte -> __free_uitt_entry), and freeing the last one tears the
    /// UITT down (teardown_uitt: IA32_UINTR_TT = 0, MISC keeps only bits 63:32), so SENDUIPI is #UD again.
    /// </summary>
    [Fact]
    public void RFC_v1_unregistering_the_last_connection_tears_the_UITT_down_and_keeps_UINV()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var (both, _) = f.Receiver(1, 9);
        Assert.Equal(0, f.Kernel.RegisterSender(both, fds[0], 0).Value);

        Assert.False(f.Kernel.UnregisterSender(both, fds[0], 0).Failed);

        var state = f.Machine.Cores[1].Cpu.State;
        Assert.Equal(0UL, state.UittRaw);
        Assert.Equal((ulong)KernelConstants.NotificationVector << 32, state.Misc);
        Assert.Equal(UintrFault.InvalidOpcode, SendFault(both, 0));

        // A later register_sender starts a new UITT (init_uitt) and SENDUIPI works again.
        Assert.Equal(0, f.Kernel.RegisterSender(both, fds[0], 0).Value);
        Assert.Equal(5, Senduipi.Execute(both.Cpu!, 0).UserVector);
    }

    /// <summary>RFC v1's uintrfd_release tears the UITT down the same way once the last connected file is gone.</summary>
    [Fact]
    public void RFC_v1_the_release_of_the_last_connected_file_tears_the_UITT_down_and_keeps_UINV()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var (both, _) = f.Receiver(1, 9);
        Assert.Equal(0, f.Kernel.RegisterSender(both, fds[0], 0).Value);
        f.Kernel.Close(rx, fds[0]);

        f.Kernel.RunTaskWork(both);

        Assert.Equal(0UL, both.UintrState.UittRaw);
        Assert.Equal((ulong)KernelConstants.NotificationVector << 32, both.UintrState.Misc);
    }

    /// <summary>uintrfd_release unregisters only the senders connected through the released file.</summary>
    [Fact]
    public void RFC_v1_releasing_one_file_leaves_the_senders_other_connections_valid()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 6);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.Kernel.RegisterSender(tx, fds[1], 0);

        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(UintrFault.GeneralProtection, SendFault(tx, 0));
        Assert.Equal(6, Senduipi.Execute(tx.Cpu!, 1).UserVector);
    }

    /// <summary>
    /// A freed entry is free once: after the sender's task work freed it and a new connection took the index, later
    /// task work leaves the new connection alone.
    /// </summary>
    [Fact]
    public void RFC_v1_an_index_reused_after_a_release_stays_connected_through_later_task_work()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 6, 7, 8);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.Kernel.RegisterSender(tx, fds[1], 0);
        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[2], 0).Value);
        Assert.Equal(2, f.Kernel.RegisterSender(tx, fds[3], 0).Value);

        Assert.Equal(7, Senduipi.Execute(tx.Cpu!, 0).UserVector);
        Assert.Equal(8, Senduipi.Execute(tx.Cpu!, 2).UserVector);
    }

    /// <summary>RFC v1: EOPNOTSUPP when the fd is not a uintr fd, EINVAL when this thread is not connected through it.</summary>
    [Fact]
    public void RFC_v1_unregister_sender_errnos_name_the_fd()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5, 6);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        var (socket, _) = f.Kernel.SocketPair(f.Process);

        var notUintr = f.Kernel.UnregisterSender(tx, socket, 0);
        var notConnected = f.Kernel.UnregisterSender(tx, fds[1], 0);

        Assert.Equal(Errno.EOPNOTSUPP, notUintr.Error);
        Assert.Contains($"fd {socket}", notUintr.Reason);
        Assert.Equal(Errno.EINVAL, notConnected.Error);
        Assert.Contains($"fd {fds[1]}", notConnected.Reason);
        Assert.Equal(5, Senduipi.Execute(tx.Cpu!, 0).UserVector);
    }

    /// <summary>unregister_sender by a thread that never registered one is EINVAL and allocates no UITT.</summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void unregister_sender_without_a_UITT_is_EINVAL_and_leaves_SENDUIPI_disabled(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var (_, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");

        var result = f.Kernel.UnregisterSender(tx, abi == KernelAbi.RfcV1 ? fds[0] : 0, 0);

        Assert.Equal(Errno.EINVAL, result.Error);
        Assert.False(tx.UintrState.SenduipiEnabled);
        Assert.Equal(UintrFault.InvalidOpcode, SendFault(tx, 0));
    }

    /// <summary>
    /// uintr-next: uipi_index is an int, so only the argument's low 32 bits name the entry; an index with no connection
    /// is EINVAL naming it, and unregistering marks the entry invalid.
    /// </summary>
    [Fact]
    public void uintr_next_unregister_sender_takes_the_index_as_an_int()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (_, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.Kernel.RegisterSender(tx, fds[0], 0);

        var unknown = f.Kernel.UnregisterSender(tx, 7, 0);
        Assert.Equal(Errno.EINVAL, unknown.Error);
        Assert.Contains("index 7", unknown.Reason);
        Assert.Equal(Errno.EINVAL, f.Kernel.UnregisterSender(tx, -1, 0).Error);

        Assert.False(f.Kernel.UnregisterSender(tx, (1L << 32) | 1, 0).Failed);

        Assert.Equal(UintrFault.GeneralProtection, SendFault(tx, 1));
        Assert.Equal(5, Senduipi.Execute(tx.Cpu!, 0).UserVector);
    }

    /// <summary>
    /// uintr_register_self: a UITT entry for the caller's own UPID, at the first free index. On ENOSPC
    /// do_uintr_unregister_vector only drops the UPID reference: "vectors once registered always stay registered".
    /// </summary>
    [Fact]
    public void uintr_next_register_self_takes_successive_indices_and_a_full_UITT_is_ENOSPC_keeping_the_vector()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, _) = f.Receiver(0);
        ulong upid = rx.Receiver!.UpidAddress;

        for (int i = 0; i < KernelConstants.UittEntries; i++)
        {
            Assert.Equal(i, f.Kernel.RegisterSelf(rx, (ulong)(i % 8), 0).Value);
        }

        Assert.Equal(0xFFUL, rx.Receiver.RegisteredVectors);
        var full = f.Kernel.RegisterSelf(rx, 40, 0);

        Assert.Equal(Errno.ENOSPC, full.Error);
        Assert.Contains("256", full.Reason);
        Assert.Equal(0xFFUL | (1UL << 40), rx.Receiver.RegisteredVectors);
        var send = Senduipi.Execute(rx.Cpu!, 9);
        Assert.Equal(upid, send.UpidAddress);
        Assert.Equal(1, send.UserVector);
    }

    /// <summary>RFC v1's #UD stays a SIGILL: its kernel has no SENDUIPI fix-up, nor has uintr-next for an exited thread.</summary>
    [Fact]
    public void The_UD_fix_up_exists_only_for_a_live_thread_of_a_uintr_next_process_with_a_UITT()
    {
        var rfc = new KernelFixture();
        var (_, rfcFds) = rfc.Receiver(0, 5);
        var a = rfc.RunningTask(1, "a");
        var b = rfc.RunningTask(2, "b");
        rfc.Kernel.RegisterSender(a, rfcFds[0], 0);
        Assert.False(rfc.Kernel.FixupSenduipiInvalidOpcode(b));

        var next = new KernelFixture(KernelAbi.UintrNext);
        var lonely = next.RunningTask(1, "lonely");
        Assert.False(next.Kernel.FixupSenduipiInvalidOpcode(lonely));
        var (_, nextFds) = next.Receiver(0, 5);
        var c = next.RunningTask(2, "c");
        var d = next.RunningTask(3, "d");
        next.Kernel.RegisterSender(c, nextFds[0], 0);
        Assert.False(next.Kernel.FixupSenduipiInvalidOpcode(c));
        Assert.True(next.Kernel.FixupSenduipiInvalidOpcode(d));
        Assert.True(d.UintrState.SenduipiEnabled);
        Assert.Equal(255u, d.UintrState.Uittsz);
    }
}
