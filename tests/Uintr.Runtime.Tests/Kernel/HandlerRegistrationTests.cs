using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// uintr_register_handler and uintr_unregister_handler as the two kernel trees implement them: do_uintr_register_handler
/// and do_uintr_unregister_handler in arch/x86/kernel/uintr_core.c (RFC v1, intel/uintr-linux-kernel 2100ffbe) and
/// arch/x86/kernel/uintr.c (uintr-next, fed8dc12).
/// </summary>
public class HandlerRegistrationTests
{
    /// <summary>A new UPID: NV = the notification vector, NDST = this CPU, ON = SN = 0, PIR = 0.</summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void A_new_UPID_names_this_CPU_with_ON_and_SN_clear(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var task = f.RunningTask(3);

        Assert.False(f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0).Failed);

        var cpu = f.Machine.Cores[3].Cpu;
        Assert.Equal(Upid.ComposeControl(KernelConstants.NotificationVector, cpu.ApicId, cpu.X2ApicMode), f.Control(task));
        Assert.Equal(0UL, f.Pir(task));
    }

    /// <summary>
    /// do_uintr_register_handler writes HANDLER, UPIDADDR, STACKADJUST and UINV, and nothing else: a thread that ran
    /// STUI before registering keeps UIF = 1 (a new thread starts with UIF = 0).
    /// </summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void register_handler_leaves_UIF_as_the_thread_set_it(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var task = f.RunningTask(0);
        var cpu = f.Machine.Cores[0].Cpu;
        Assert.False(cpu.State.Uif);
        cpu.State.Uif = true;

        Assert.False(f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0).Failed);

        Assert.True(cpu.State.Uif);
    }

    /// <summary>Both trees set UPID.SN on unregister ("Suppress notifications so that no further interrupts are generated").</summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void unregister_handler_suppresses_notifications_so_a_post_sends_no_IPI(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        int index = (int)f.Kernel.RegisterSender(tx, fds[0], 0).Value;

        Assert.False(f.Kernel.UnregisterHandler(rx, 0).Failed);

        Assert.NotEqual(0UL, f.Control(rx) & Upid.Sn);
        var send = Senduipi.Execute(tx.Cpu!, (ulong)index);
        Assert.False(send.SendNotification);
        Assert.Equal(1UL << 5, f.Pir(rx));
    }

    /// <summary>
    /// do_uintr_unregister_handler writes UINV, UPIDADDR, UIRR, STACKADJUST and HANDLER to 0 and leaves UIF alone, in
    /// both trees: a thread that ran STUI still reads UIF = 1 with TESTUI.
    /// </summary>
    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void unregister_handler_clears_the_receiver_MSRs_and_leaves_UIF_as_it_is(KernelAbi abi)
    {
        var f = new KernelFixture(abi);
        var (rx, _) = f.Receiver(0, 5);
        var cpu = f.Machine.Cores[0].Cpu;
        cpu.State.Uif = true;
        cpu.State.Uirr = 1UL << 5;

        Assert.False(f.Kernel.UnregisterHandler(rx, 0).Failed);

        Assert.Equal(0UL, cpu.State.Handler);
        Assert.Equal(0UL, cpu.State.StackAdjust);
        Assert.Equal(0UL, cpu.State.UpidAddress);
        Assert.Equal(0, cpu.State.Uinv);
        Assert.Equal(0UL, cpu.State.Uirr);
        Assert.True(cpu.State.Uif);
    }

    /// <summary>
    /// uintr-next keeps the thread's UPID across unregister/register: NV and NDST are written for the CPU it registers on,
    /// SN is cleared on the way back to user space, and posts made while no handler was registered are still in the PIR
    /// and reach the new handler.
    /// </summary>
    [Fact]
    public void uintr_next_registering_again_reuses_the_UPID_clears_SN_and_delivers_what_was_posted_meanwhile()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(1, 5);
        var tx = f.RunningTask(2, "tx");
        int index = (int)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        ulong upid = rx.Receiver!.UpidAddress;
        f.Kernel.UnregisterHandler(rx, 0);
        Senduipi.Execute(tx.Cpu!, (ulong)index);

        Assert.False(f.Kernel.RegisterHandler(rx, KernelFixture.Handler + 0x40, 0).Failed);

        var cpu = f.Machine.Cores[1].Cpu;
        Assert.Equal(upid, rx.Receiver!.UpidAddress);
        Assert.Equal(upid, cpu.State.UpidAddress);
        Assert.Equal(KernelFixture.Handler + 0x40, cpu.State.Handler);
        ulong control = f.Control(rx);
        Assert.Equal(0UL, control & (Upid.Sn | Upid.On));
        Assert.Equal(KernelConstants.NotificationVector, Upid.Nv(control));
        Assert.Equal(Upid.EncodeNdst(cpu.ApicId, cpu.X2ApicMode), control & (0xFFFF_FFFFUL << Upid.NdstShift));
        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(1UL << 5, cpu.State.Uirr);
    }

    /// <summary>
    /// The fd names the thread's receiver context, which uintr-next keeps across unregister/register: when the thread
    /// exits, a sender connecting through an fd created before the re-registration sees ESHUTDOWN.
    /// </summary>
    [Fact]
    public void uintr_next_an_fd_from_before_a_re_registration_sees_the_threads_exit()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(0, 5);
        f.Kernel.UnregisterHandler(rx, 0);
        f.Kernel.RegisterHandler(rx, KernelFixture.Handler, 0);
        var tx = f.RunningTask(1, "tx");
        Assert.Equal(0, f.Kernel.RegisterSender(tx, fds[0], 0).Value);

        f.Kernel.ExitTask(rx);

        var refused = f.Kernel.RegisterSender(tx, fds[0], 0);
        Assert.Equal(Errno.ESHUTDOWN, refused.Error);
        Assert.Contains("has exited", refused.Reason);
    }

    /// <summary>
    /// RFC v1 clears receiver_active in unregister_handler, so a sender cannot connect to a thread that has unregistered
    /// (ESHUTDOWN); uintr-next does not clear it there.
    /// </summary>
    [Fact]
    public void RFC_v1_connecting_to_a_receiver_that_unregistered_is_ESHUTDOWN_naming_why()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.UnregisterHandler(rx, 0);

        var refused = f.Kernel.RegisterSender(tx, fds[0], 0);

        Assert.Equal(Errno.ESHUTDOWN, refused.Error);
        Assert.Contains($"fd {fds[0]}", refused.Reason);
        Assert.Contains("unregistered its handler", refused.Reason);
    }

    /// <summary>
    /// uintr-next without UINTR_HANDLER_FLAG_WAITING_RECEIVER: uintr_wait sleeps with SN set like any switch-out, so no
    /// notification reaches the sleeper. With the flag, the UPID is armed to wake it (SN clear, the blocked-wait vector).
    /// </summary>
    [Fact]
    public void uintr_next_only_a_handler_registered_with_WAITING_RECEIVER_sleeps_with_notifications_enabled()
    {
        var without = new KernelFixture(KernelAbi.UintrNext);
        var plain = without.RunningTask(0, "plain");
        without.Kernel.RegisterHandler(plain, KernelFixture.Handler, 0);
        Assert.Null(without.Kernel.Wait(plain, 1000, 0));
        Assert.NotEqual(0UL, without.Control(plain) & Upid.Sn);

        var with = new KernelFixture(KernelAbi.UintrNext);
        var waiting = with.RunningTask(0, "waiting");
        with.Kernel.RegisterHandler(waiting, KernelFixture.Handler, UintrKernel.WaitingReceiverFlag);
        Assert.Null(with.Kernel.Wait(waiting, 1000, 0));
        Assert.Equal(0UL, with.Control(waiting) & Upid.Sn);
        Assert.Equal(KernelConstants.BlockedWaitVector, Upid.Nv(with.Control(waiting)));
    }

    [Fact]
    public void register_handler_on_a_task_that_is_not_on_a_CPU_is_a_simulator_error_naming_the_task()
    {
        var f = new KernelFixture();
        var task = f.Kernel.CreateTask(f.Process, "parked");

        var error = Assert.Throws<System.InvalidOperationException>(() => f.Kernel.RegisterHandler(task, KernelFixture.Handler, 0));

        Assert.Contains("parked", error.Message);
    }
}
