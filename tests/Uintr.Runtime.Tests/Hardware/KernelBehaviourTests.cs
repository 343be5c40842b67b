using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Hardware;
using Uintr.Runtime.Tests.Simulation;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// The hardware backend over a recording kernel that behaves like Intel's trees (arch/x86/kernel/uintr_fd.c and
/// uintr_core.c at intel/uintr-linux-kernel 2100ffbe for RFC v1, arch/x86/kernel/uintr.c at fed8dc12 for uintr-next):
/// each test is a scenario a real kernel would turn into a crash, a hang or a wrong dispatch.
/// </summary>
[Collection(NativeMappingCollection.Name)]
public sealed unsafe class KernelBehaviourTests
{
    private static HardwareReceiver Register(HardwarePlatform platform, UserInterruptReceiverDefinition definition) =>
        Assert.IsType<HardwareReceiver>(UserInterruptRegistration.Register(platform, definition));

    private static void RunOnThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        if (failure is not null)
        {
            throw new InvalidOperationException("The thread failed.", failure);
        }
    }

    [Fact]
    public void RfcV1_a_sender_on_another_thread_survives_the_receivers_dispose_and_the_fd_close()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.RfcV1);
        var receiver = Register(platform, TestReceivers.Definition(1UL << 3, []));
        using var connected = new ManualResetEventSlim();
        using var receiverGone = new ManualResetEventSlim();
        Exception? failure = null;
        var senderThread = new Thread(() =>
        {
            try
            {
                // RFC v1 UITTs are per thread: the sender lives on this one thread.
                using var sender = platform.RegisterSender(receiver.GetFd(3));
                sender.Send();
                connected.Set();
                receiverGone.Wait();
                sender.Send();
                sender.Send();
            }
            catch (Exception e)
            {
                failure = e;
                connected.Set();
            }
        });
        senderThread.Start();
        connected.Wait();

        // The receiver's own fd goes (as its finalizer or Dispose would close it), then the receiver itself.
        receiver.GetFd(3).Dispose();
        receiver.Dispose();
        receiverGone.Set();
        Assert.True(senderThread.Join(TimeSpan.FromSeconds(30)));

        Assert.Null(failure);
        Assert.Empty(kernel.Crashes);
        string own = kernel.Calls.Single(c => c.StartsWith("dup(100)=", StringComparison.Ordinal))[9..];
        Assert.Contains($"register_sender({own})=5", kernel.Calls);
        int unregister = kernel.Calls.IndexOf($"unregister_sender(fd {own})");
        Assert.True(unregister >= 0, string.Join(", ", kernel.Calls));
        Assert.Equal($"close({own})", kernel.Calls[unregister + 1]);
    }

    [Fact]
    public void RfcV1_a_failed_sender_registration_closes_its_own_reference()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.RfcV1);
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 3, []));
        using var first = platform.RegisterSender(receiver.GetFd(3));

        var e = Assert.Throws<UintrException>(() => platform.RegisterSender(receiver.GetFd(3)));

        Assert.Equal(Errno.EISCONN, e.Errno);
        Assert.Equal("close(102)", kernel.Calls[^1]);
    }

    [Fact]
    public void UintrNext_registers_with_the_waiting_receiver_flag_so_uintr_wait_is_woken()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        var dispatched = new List<int>();
        HardwareReceiver? receiver = null;
        kernel.OnWait = _ => Interlocked.Or(ref *receiver!.State.PendingWord, 1UL << 2);
        using (receiver = Register(platform, TestReceivers.Definition(1UL << 2, dispatched)))
        {
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromSeconds(5)));
        }

        Assert.StartsWith("register_handler(", kernel.Calls[0], StringComparison.Ordinal);
        Assert.EndsWith($", 0x{UintrHandlerFlags.WaitingReceiver:x})", kernel.Calls[0], StringComparison.Ordinal);
        Assert.Single(kernel.Calls, c => c.StartsWith("wait(", StringComparison.Ordinal));
        Assert.DoesNotContain("wait slept through the interrupt (SN set)", kernel.Calls);
        Assert.Equal([2], dispatched);
    }

    [Fact]
    public void UintrNext_without_blocking_support_registers_without_flags_and_sleeps_in_short_slices()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        kernel.BlockingConfigured = false;
        HardwareReceiver? receiver = null;
        int sleeps = 0;
        kernel.OnSleep = _ =>
        {
            if (++sleeps == 3)
            {
                Interlocked.Or(ref *receiver!.State.PendingWord, 1UL << 2);
            }
        };
        using (receiver = Register(platform, TestReceivers.Definition(1UL << 2, [])))
        {
            Assert.False(receiver.KernelWakesSleepers);
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block));
        }

        Assert.Equal(2, kernel.Calls.Count(c => c.StartsWith("register_handler(", StringComparison.Ordinal)));
        Assert.DoesNotContain(kernel.Calls, c => c.StartsWith("wait(", StringComparison.Ordinal));
        Assert.All(kernel.Calls.Where(c => c.StartsWith("sleep(", StringComparison.Ordinal)), c => Assert.Equal($"sleep({HardwareReceiver.SleepSliceMicroseconds})", c));
        Assert.Equal(3, sleeps);
    }

    [Fact]
    public void UintrNext_enosys_from_uintr_wait_falls_back_to_sleeping_and_is_named_for_what_it_is()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        HardwareReceiver? receiver = null;
        kernel.OnSleep = _ => Interlocked.Or(ref *receiver!.State.PendingWord, 1UL << 2);
        using (receiver = Register(platform, TestReceivers.Definition(1UL << 2, [])))
        {
            kernel.BlockingConfigured = false;
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromSeconds(5)));
        }

        Assert.True(platform.KernelCannotWakeSleepers);
        var e = UintrSyscallErrors.ToException(KernelAbi.UintrNext, UintrSyscall.Wait, (int)Errno.ENOSYS);
        Assert.Contains("CONFIG_X86_UINTR_BLOCKING", e.Message);
        Assert.DoesNotContain("no UINTR hardware support", e.Message);
    }

    [Fact]
    public void A_vector_pending_before_the_wait_ends_it_without_sleeping()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 2, []));
        Interlocked.Or(ref *receiver.State.PendingWord, 1UL << 2);

        Assert.True(kernel.Wait(receiver.State.PendingWord, 10_000));

        Assert.Equal("wait aborted (pending)", kernel.Calls[^1]);
    }

    [Fact]
    public void UintrNext_stale_posts_on_a_reused_thread_are_counted_and_dropped_not_thrown()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        var first = Register(platform, TestReceivers.Definition(1UL << 9, []));
        var sender = platform.RegisterSender(first.GetFd(9));
        first.Dispose();

        // The old connection still posts into the thread's UPID, which uintr-next keeps for the next registration.
        sender.Send();
        var dispatched = new List<int>();
        using var second = Register(platform, GeneratedStyle(1UL << 2, dispatched));
        ulong posted = kernel.TakePosted();
        Assert.Equal(1UL << 9, posted);
        Interlocked.Or(ref *second.State.PendingWord, posted | (1UL << 2));

        Assert.Equal(1, second.Poll());
        Assert.Equal([2], dispatched);
        Assert.Equal(1, second.DroppedUndeclaredVectors);
        Assert.Equal(0UL, second.State.ReadPending());
        sender.Dispose();
    }

    // Like a generated dispatch: a vector without a handler is an ArgumentOutOfRangeException.
    private static UserInterruptReceiverDefinition GeneratedStyle(ulong vectors, List<int> dispatched) =>
        new("Tests.Generated", vectors, TestReceivers.Trampoline(), vector =>
        {
            if ((vectors & (1UL << vector)) == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(vector), vector, "no handler");
            }

            dispatched.Add(vector);
        });

    [Fact]
    public void Memory_the_kernel_still_references_after_a_failed_unregistration_stays_mapped()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        kernel.FailCreateFdFor = 5;
        kernel.FailUnregisterHandler = Errno.EINVAL;

        Assert.Throws<UintrException>(() => Register(platform, TestReceivers.Definition((1UL << 4) | (1UL << 5), [])));
        nint handler = kernel.RegisteredHandler;
        CollectEverything();

        Assert.Equal("r-xp", ProcSelfMaps.PermissionsOf(handler));
    }

    [Fact]
    public void A_receiver_never_disposed_on_an_exited_thread_keeps_its_code_mapped()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        RunOnThread(() => RegisterAndForget(platform));
        nint handler = kernel.RegisteredHandler;
        CollectEverything();

        Assert.Equal("r-xp", ProcSelfMaps.PermissionsOf(handler));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterAndForget(HardwarePlatform platform) => _ = Register(platform, TestReceivers.Definition(1UL << 1, []));

    private static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void WaitForDelivery_and_GetDeliveryCount_racing_Dispose_never_touch_freed_memory()
    {
        var (platform, _, _) = TestReceivers.Platform(KernelAbi.UintrNext);

        Assert.Empty(ForeignUseRace.Run(() => EveryOptionBell.RegisterUserInterrupts(platform), rounds: 200));
    }
}
