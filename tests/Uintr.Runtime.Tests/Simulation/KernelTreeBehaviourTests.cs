using System;
using System.Linq;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;
using Uintr.Runtime.Tests.Kernel;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The scenarios of the hardware backend's kernel-behaviour tests, on the simulator, whose kernel models the same
/// behaviour of Intel's trees (RFC v1: arch/x86/kernel/uintr_fd.c and uintr_core.c, intel/uintr-linux-kernel 2100ffbe;
/// uintr-next: arch/x86/kernel/uintr.c, fed8dc12).
/// </summary>
public class KernelTreeBehaviourTests
{
    [Fact]
    public void Alt_stack_given_the_blocks_lowest_address_writes_the_frame_below_the_block_and_the_top_does_not()
    {
        Assert.NotEqual(BelowBlockBeforeAndAfter(wrongPointer: true).Before, BelowBlockBeforeAndAfter(wrongPointer: true).After);
        var right = BelowBlockBeforeAndAfter(wrongPointer: false);
        Assert.Equal(right.Before, right.After);
    }

    // One delivery on an AlternateStack receiver; returns the 256 bytes just below the stack block before and after it.
    private static (string Before, string After) BelowBlockBeforeAndAfter(bool wrongPointer)
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, Seed = 3 });
        string before = "", after = "";
        sim.StartThread("receiver", () =>
        {
            using var receiver = AltStackBell.RegisterUserInterrupts(sim);
            ulong stackBase = ((SimulatedReceiver)receiver).AlternateStackBase;
            if (wrongPointer)
            {
                // What the runtime passed before: the block's lowest address, taken by the kernel as the stack pointer.
                var task = sim.Host.Current().Task;
                Assert.False(sim.Machine.Kernel.AltStack(task, stackBase, SimulatedReceiver.AlternateStackSize, 0).Failed);
                sim.Machine.Cores.First(c => c.Task == task).Cpu.State.StackAdjust = task.UintrState.StackAdjust;
            }

            before = Below(sim, stackBase);
            using var sender = sim.RegisterSender(receiver.GetFd(1));
            sender.Send();
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Spin));
            after = Below(sim, stackBase);
        }).Join();
        return (before, after);
    }

    private static string Below(UintrSimulator sim, ulong stackBase)
    {
        var bytes = new byte[256];
        sim.Machine.Memory.Read(stackBase - 256, bytes);
        return Convert.ToHexString(bytes);
    }

    [Fact]
    public void RfcV1_the_last_close_invalidates_the_senders_entry_then_its_task_work_tears_the_UITT_down()
    {
        var f = new KernelFixture(KernelAbi.RfcV1);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        int index = (int)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        Assert.Equal(5, Senduipi.Execute(tx.Cpu!, (ulong)index).UserVector);

        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(UintrFault.GeneralProtection, Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(tx.Cpu!, (ulong)index)).Fault);
        f.Kernel.RunTaskWork(tx);
        tx.Cpu!.State = tx.UintrState;
        Assert.Equal(UintrFault.InvalidOpcode, Assert.Throws<ArchitecturalFault>(() => Senduipi.Execute(tx.Cpu!, (ulong)index)).Fault);
        Assert.Equal(Errno.EBADF, f.Kernel.UnregisterSender(tx, fds[0], 0).Error);
    }

    [Fact]
    public void UintrNext_the_last_close_leaves_senders_and_the_vector_alone()
    {
        var f = new KernelFixture(KernelAbi.UintrNext);
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        int index = (int)f.Kernel.RegisterSender(tx, fds[0], 0).Value;

        f.Kernel.Close(rx, fds[0]);
        f.Kernel.RunTaskWork(rx);

        Assert.Equal(5, Senduipi.Execute(tx.Cpu!, (ulong)index).UserVector);
        Assert.NotEqual(0UL, rx.Receiver!.RegisteredVectors & (1UL << 5));
    }

    [Fact]
    public void RfcV1_a_sender_on_another_thread_keeps_sending_after_the_receiver_closed_its_fd_and_unregistered()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1, Seed = 9 });
        var receiver = new TestReceiver(4);
        UintrReceiver? registered = null;
        bool connected = false, gone = false, done = false;
        var rx = sim.StartThread("rx", () =>
        {
            registered = receiver.Register(sim);
            sim.SpinUntil(() => connected);
            Assert.Equal(1, registered.Wait(UintrWaitMode.Spin));
            registered.GetFd(4).Dispose();
            registered.Dispose();
            gone = true;
            sim.SpinUntil(() => done);
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => registered is not null);
            using var sender = sim.RegisterSender(registered!.GetFd(4));
            sender.Send();
            connected = true;
            sim.SpinUntil(() => gone);
            sender.Send();
            sender.Send();
            done = true;
        });
        tx.Join();
        rx.Join();

        Assert.Equal([4], receiver.Handled);
    }

    [Fact]
    public void UintrNext_a_post_to_an_earlier_receiver_of_the_thread_is_dropped_and_counted_by_the_next_one()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, Seed = 4 });
        var first = new TestReceiver(9);
        var second = new TestReceiver(2);
        UintrFd? fd = null;
        bool disposed = false, sent = false;
        long dropped = -1;
        var rx = sim.StartThread("rx", () =>
        {
            var r1 = first.Register(sim);
            fd = r1.GetFd(9).Duplicate();
            sim.SpinUntil(() => fd is null);
            r1.Dispose();
            disposed = true;
            sim.SpinUntil(() => sent);

            // Same thread, same UPID: the kernel re-sends the post on the way back from register_handler.
            using var r2 = second.Register(sim);
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(5));
            Assert.Equal(0, r2.Poll());
            dropped = r2.DroppedUndeclaredVectors;
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var sender = sim.RegisterSender(fd!);
            fd!.Dispose();
            fd = null;
            sim.SpinUntil(() => disposed);
            sender.Send();
            sent = true;
            rx.Join();
        });
        tx.Join();

        Assert.Empty(first.Handled);
        Assert.Empty(second.Handled);
        Assert.Equal(1, dropped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UintrNext_a_blocked_wait_is_woken_by_a_send_with_or_without_CONFIG_X86_UINTR_BLOCKING(bool blockingConfigured)
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, Seed = 8, BlockingWaitsConfigured = blockingConfigured, RecordTrace = true });
        var receiver = new TestReceiver(3);
        UintrReceiver? registered = null;
        long woke = 0, sentAt = 0;
        var rx = sim.StartThread("rx", () =>
        {
            registered = receiver.Register(sim);
            Assert.Equal(1, registered.Wait(UintrWaitMode.Block));
            woke = sim.GetTimestamp();
            registered.Dispose();
        });
        sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => registered is not null);
            using var sender = sim.RegisterSender(registered!.GetFd(3));
            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(50));
            sentAt = sim.GetTimestamp();
            sender.Send();
            rx.Join();
        }).Join();

        Assert.Equal([3], receiver.Handled);
        long latencyMicroseconds = (woke - sentAt) * 1_000_000 / sim.TimestampFrequency;
        Assert.InRange(latencyMicroseconds, 0, blockingConfigured ? 20 : 1_100);
        Assert.Equal(blockingConfigured, sim.Trace.Any(e => e.Detail.StartsWith("uintr_wait", StringComparison.Ordinal)));
    }
}
