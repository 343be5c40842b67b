using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// The hardware backend's own logic on a recording kernel and recording instructions: nothing here issues a
/// UINTR system call or executes a UINTR instruction. The test plays the trampoline by setting pending bits.
/// </summary>
[Collection(NativeMappingCollection.Name)]
public sealed unsafe class HardwareBackendTests
{
    private static void Deliver(HardwareReceiver receiver, params int[] vectors)
    {
        foreach (int vector in vectors)
        {
            Interlocked.Or(ref *receiver.State.PendingWord, 1UL << vector);
        }
    }

    private static HardwareReceiver Register(HardwarePlatform platform, UserInterruptReceiverDefinition definition) =>
        Assert.IsType<HardwareReceiver>(UserInterruptRegistration.Register(platform, definition));

    [Fact]
    public void RegistrationRegistersTheLinkedTrampolineCreatesOneFdPerVectorThenStui()
    {
        var (platform, kernel, instructions) = TestReceivers.Platform();
        var dispatched = new List<int>();

        using var receiver = Register(platform, TestReceivers.Definition((1UL << 3) | (1UL << 7) | (1UL << 63), dispatched));

        Assert.Equal([$"register_handler(0x{receiver.HandlerAddress:x}, 0x1000)", "create_fd(3)=100", "create_fd(7)=101", "create_fd(63)=102"], kernel.Calls);
        Assert.Equal(["stui"], instructions.Executed);
        Assert.Equal("r-xp", ProcSelfMaps.PermissionsOf(receiver.TrampolineAddress));
        Assert.Equal((ulong)receiver.State.PendingWord, *(ulong*)(receiver.TrampolineAddress + 2));
        Assert.Equal(101, receiver.GetFd(7).Number);
        Assert.Equal(7, receiver.GetFd(7).Vector);
        Assert.Equal((1UL << 3) | (1UL << 7) | (1UL << 63), receiver.Vectors);
        Assert.Same(platform, receiver.Platform);
    }

    [Fact]
    public void DisposeClosesOwnedFdsThenUnregistersThenUnmapsTheTrampoline()
    {
        var (platform, kernel, _) = TestReceivers.Platform();
        var receiver = Register(platform, TestReceivers.Definition((1UL << 1) | (1UL << 2), []));
        nint trampoline = receiver.TrampolineAddress;
        kernel.Calls.Clear();

        receiver.Dispose();

        Assert.Equal(["close(100)", "close(101)", "unregister_handler"], kernel.Calls);
        Assert.NotEqual("r-xp", PermissionsOrUnmapped(trampoline));
        Assert.Throws<ObjectDisposedException>(() => receiver.Poll());
        receiver.Dispose();
        Assert.Equal(3, kernel.Calls.Count);
    }

    [Fact]
    public void ASecondReceiverOnTheSameThreadIsRefusedWithEbusyAndTheFirstSurvives()
    {
        var (platform, kernel, _) = TestReceivers.Platform();
        using var first = Register(platform, TestReceivers.Definition(1, []));

        var e = Assert.Throws<UintrException>(() => Register(platform, TestReceivers.Definition(2, [])));

        Assert.Equal(Errno.EBUSY, e.Errno);
        Assert.Equal("uintr_register_handler", e.Syscall);
        Assert.Equal(0, first.Poll());
        Assert.Single(kernel.Calls, c => c.StartsWith("register_handler", StringComparison.Ordinal));
    }

    [Fact]
    public void FailedCreateFdUndoesTheRegistrationAndTheThreadCanRegisterAgain()
    {
        var (platform, kernel, instructions) = TestReceivers.Platform(KernelAbi.RfcV1);
        kernel.FailCreateFdFor = 9;

        var e = Assert.Throws<UintrException>(() => Register(platform, TestReceivers.Definition((1UL << 2) | (1UL << 9), [])));

        Assert.Equal(Errno.ENOSPC, e.Errno);
        Assert.Equal("uintr_create_fd", e.Syscall);
        Assert.Equal(["close(100)", "unregister_handler"], kernel.Calls[^2..]);
        Assert.Empty(instructions.Executed);

        kernel.FailCreateFdFor = null;
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 9, []));
        Assert.Equal(1UL << 9, receiver.Vectors);
    }

    private static TrampolineImage AlternateStackImage() =>
        new(TrampolineFeatures.AlternateStack, [0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xC3], new TrampolinePatch(TrampolinePatchKind.PendingWordAddress, 2));

    [Fact]
    public void AlternateStackTrampolinesAreRefusedOnRfcV1BeforeAnySystemCall()
    {
        var (platform, kernel, instructions) = TestReceivers.Platform(KernelAbi.RfcV1);

        var e = Assert.Throws<NotSupportedException>(() => Register(platform, new UserInterruptReceiverDefinition("Tests.AltStack", 1, AlternateStackImage(), _ => { })));

        Assert.Contains("uintr_alt_stack exists only in UintrNext", e.Message);
        Assert.Empty(kernel.Calls);
        Assert.Empty(instructions.Executed);
    }

    [Fact]
    public void AlternateStackReceiversOnUintrNextGetANativeStackThroughUintrAltStackRightAfterRegistration()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);

        var receiver = Register(platform, new UserInterruptReceiverDefinition("Tests.AltStack", 1UL << 4, AlternateStackImage(), _ => { }));

        nint stack = receiver.State.AlternateStackBase;
        nint top = stack + UserInterruptReceiverAttribute.AlternateStackSize;
        Assert.NotEqual(0, stack);
        Assert.Equal(0, stack % 64);
        Assert.Equal(
            [$"register_handler(0x{receiver.HandlerAddress:x}, 0x1000)", $"alt_stack(0x{top:x}, {UserInterruptReceiverAttribute.AlternateStackSize})", "create_fd(4)=100"],
            kernel.Calls);

        // The kernel writes sp | 1 (do_uintr_alt_stack); the CPU aligns it down to 16 and pushes the 32-byte frame
        // below it, and the trampoline pushes further down: all of it must lie inside the block.
        ulong rsp = (kernel.StackAdjust & ~1UL) & ~0xFUL;
        Assert.Equal(1UL, kernel.StackAdjust & 1);
        Assert.InRange(rsp - 32, (ulong)stack, (ulong)top - 32);
        Assert.InRange(rsp, (ulong)stack + 1024, (ulong)top);

        receiver.Dispose();
        Assert.Equal(0, receiver.State.AlternateStackBase);
    }

    [Fact]
    public void PollRunsPendingVectorsHighestFirstAndClearsThem()
    {
        var (platform, _, _) = TestReceivers.Platform();
        var dispatched = new List<int>();
        using var receiver = Register(platform, TestReceivers.Definition((1UL << 3) | (1UL << 7) | (1UL << 63), dispatched));
        Deliver(receiver, 3, 63, 7);

        Assert.Equal(3, receiver.Poll());

        Assert.Equal([63, 7, 3], dispatched);
        Assert.Equal(0UL, receiver.State.ReadPending());
        Assert.Equal(0, receiver.Poll());
    }

    [Fact]
    public void AThrowingHandlerLeavesLowerVectorsPending()
    {
        var (platform, _, _) = TestReceivers.Platform();
        var dispatched = new List<int>();
        using var receiver = Register(platform, TestReceivers.Definition((1UL << 3) | (1UL << 7) | (1UL << 9), dispatched, throwOn: 7));
        Deliver(receiver, 3, 7, 9);

        Assert.Throws<InvalidOperationException>(() => receiver.Poll());

        Assert.Equal([9, 7], dispatched);
        Assert.Equal(1UL << 3, receiver.State.ReadPending());
        Assert.Equal(1, receiver.Poll());
        Assert.Equal([9, 7, 3], dispatched);
    }

    [Fact]
    public void PollWaitAndDisposeFromAnotherThreadAreRefused()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1, []));
        var failures = new List<Exception?>();

        var other = new Thread(() =>
        {
            failures.Add(Record.Exception(() => receiver.Poll()));
            failures.Add(Record.Exception(() => receiver.Wait(UintrWaitMode.Spin, TimeSpan.Zero)));
            failures.Add(Record.Exception(() => receiver.Dispose()));
        }) { Name = "intruder" };
        other.Start();
        other.Join();

        Assert.All(failures, e => Assert.Contains("called from 'intruder'", Assert.IsType<InvalidOperationException>(e).Message));
        Assert.Equal(0, receiver.Poll());
    }

    [Fact]
    public void WaitValidatesItsArguments()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1, []));

        Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait((UintrWaitMode)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromSeconds(-2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => receiver.GetFd(5));
    }

    [Fact]
    public void SpinWaitTimesOutWithNothingPending()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1, []));

        Assert.Equal(0, receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromMilliseconds(5)));
        Assert.Equal(0, receiver.Wait(UintrWaitMode.Spin, TimeSpan.Zero));
    }

    [Fact]
    public void SpinWaitReturnsOnceAnotherThreadPlaysTheTrampoline()
    {
        var (platform, _, _) = TestReceivers.Platform();
        var dispatched = new List<int>();
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 4, dispatched));
        var trampoline = new Thread(() =>
        {
            Thread.Sleep(20);
            Deliver(receiver, 4);
        });
        trampoline.Start();

        int ran = receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromSeconds(30));
        trampoline.Join();

        Assert.Equal(1, ran);
        Assert.Equal([4], dispatched);
    }

    [Fact]
    public void BlockWaitOnUintrNextWaitsInBoundedSlicesOfTheTimeout()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.UintrNext);
        var dispatched = new List<int>();
        HardwareReceiver? receiver = null;
        kernel.OnWait = _ => Deliver(receiver!, 2);
        using (receiver = Register(platform, TestReceivers.Definition(1UL << 2, dispatched)))
        {
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromSeconds(2)));
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block));
            kernel.OnWait = null;
            Assert.Equal(0, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(3)));
        }

        var waits = kernel.Calls.FindAll(c => c.StartsWith("wait(", StringComparison.Ordinal)).Select(c => long.Parse(c[5..^1])).ToList();
        Assert.Equal(HardwareReceiver.BlockSliceMicroseconds, waits[0]);
        Assert.Equal(HardwareReceiver.BlockSliceMicroseconds, waits[1]);
        Assert.True(waits.Count >= 3);
        Assert.All(waits.Skip(2), w => Assert.InRange(w, 1, 3_000));
        Assert.Equal([2, 2], dispatched);
    }

    [Fact]
    public void BlockWaitOnRfcV1WithoutTimeoutCallsUintrWaitAndWithTimeoutSleeps()
    {
        var (platform, kernel, _) = TestReceivers.Platform(KernelAbi.RfcV1);
        HardwareReceiver? receiver = null;
        kernel.OnWait = _ => Deliver(receiver!, 0);
        using (receiver = Register(platform, TestReceivers.Definition(1, [])))
        {
            Assert.Equal(1, receiver.Wait(UintrWaitMode.Block));
            Assert.Equal(0, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(5)));
        }

        Assert.Single(kernel.Calls, c => c.StartsWith("wait(", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitRunsAlreadyPendingHandlersWithoutParking()
    {
        var (platform, kernel, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 5, []));
        Deliver(receiver, 5);

        Assert.Equal(1, receiver.Wait(UintrWaitMode.Block));
        Assert.DoesNotContain(kernel.Calls, c => c.StartsWith("wait(", StringComparison.Ordinal));
    }

    [Fact]
    public void FdDuplicateIsDupAndDisposeIsASingleClose()
    {
        var (platform, kernel, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 6, []));
        kernel.Calls.Clear();

        var copy = receiver.GetFd(6).Duplicate();
        copy.Dispose();
        copy.Dispose();

        Assert.Equal(6, copy.Vector);
        Assert.True(copy.IsDisposed);
        Assert.Equal(["dup(100)=101", "close(101)"], kernel.Calls);
        Assert.Throws<ObjectDisposedException>(() => copy.Duplicate());
    }

    [Fact]
    public void SenderRegistersSendsAndUnregistersByIndexOnUintrNext()
    {
        var (platform, kernel, instructions) = TestReceivers.Platform(KernelAbi.UintrNext);
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 6, []));
        kernel.Calls.Clear();

        var sender = platform.RegisterSender(receiver.GetFd(6));
        sender.Send();
        var other = new Thread(sender.Send);
        other.Start();
        other.Join();
        sender.Dispose();
        sender.Dispose();

        Assert.Equal(5, sender.Index);
        Assert.Equal(["register_sender(100)=5", "unregister_sender(index 5)"], kernel.Calls);
        Assert.Equal(["stui", "senduipi 5", "senduipi 5"], instructions.Executed);
        Assert.Throws<ObjectDisposedException>(() => sender.Send());
    }

    [Fact]
    public void RfcV1SenderIsRefusedOnOtherThreadsBeforeSenduipiRuns()
    {
        var (platform, _, instructions) = TestReceivers.Platform(KernelAbi.RfcV1);
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 6, []));
        using var sender = platform.RegisterSender(receiver.GetFd(6));
        Exception? failure = null;

        var other = new Thread(() => failure = Record.Exception(sender.Send)) { Name = "elsewhere" };
        other.Start();
        other.Join();

        Assert.Contains("RFC v1", Assert.IsType<InvalidOperationException>(failure).Message);
        Assert.DoesNotContain("senduipi 5", instructions.Executed);
    }

    [Fact]
    public void RegisterSenderRejectsForeignAndDisposedFds()
    {
        var (platform, _, _) = TestReceivers.Platform();
        using var receiver = Register(platform, TestReceivers.Definition(1UL << 6, []));
        var copy = receiver.GetFd(6).Duplicate();
        copy.Dispose();

        Assert.Throws<ArgumentNullException>(() => platform.RegisterSender(null!));
        Assert.Equal(Errno.EBADF, Assert.Throws<UintrException>(() => platform.RegisterSender(copy)).Errno);
        var (otherPlatform, _, _) = TestReceivers.Platform();
        Assert.Throws<ArgumentException>(() => otherPlatform.RegisterSender(new ForeignFd()));
    }

    [Fact]
    public void UserInterruptsOnABackendThreadExecuteTheRealFlagInstructions()
    {
        var (platform, _, instructions) = TestReceivers.Platform();
        bool? insideMask = null;
        bool? afterMask = null;

        var thread = platform.StartThread("flags", () =>
        {
            UserInterrupts.Stui();
            using (UserInterrupts.Mask())
            {
                insideMask = UserInterrupts.Testui();
            }

            afterMask = UserInterrupts.Testui();
        });
        thread.Join();

        Assert.True(thread.IsCompleted);
        Assert.False(insideMask);
        Assert.True(afterMask);
        Assert.Equal(["stui", "testui", "clui", "testui", "stui", "testui"], instructions.Executed);
    }

    [Fact]
    public void JoinRethrowsTheBodysException()
    {
        var (platform, _, _) = TestReceivers.Platform();

        var thread = platform.StartThread("fails", () => throw new FormatException("boom"));

        Assert.Equal("boom", Assert.Throws<FormatException>(thread.Join).Message);
        Assert.Equal("fails", thread.Name);
        Assert.Throws<ArgumentNullException>(() => platform.StartThread("x", null!));
    }

    [Fact]
    public void SpinUntilHonoursConditionAndTimeout()
    {
        var (platform, _, _) = TestReceivers.Platform();
        int calls = 0;

        Assert.True(platform.SpinUntil(() => ++calls >= 3));
        Assert.False(platform.SpinUntil(() => false, TimeSpan.FromMilliseconds(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => platform.SpinUntil(() => false, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void DescriptionAndClockDescribeTheHardware()
    {
        var (platform, _, _) = TestReceivers.Platform(KernelAbi.RfcV1);

        Assert.StartsWith("UINTR hardware backend (Intel(R) Xeon(R) Gold 5420+", platform.Description);
        Assert.Contains("RFC v1", platform.Description);
        Assert.Equal(System.Diagnostics.Stopwatch.Frequency, platform.TimestampFrequency);
        long before = platform.GetTimestamp();
        Assert.True(platform.GetTimestamp() >= before);
    }

    private static string PermissionsOrUnmapped(nint address)
    {
        try
        {
            return ProcSelfMaps.PermissionsOf(address);
        }
        catch (InvalidOperationException)
        {
            return "unmapped";
        }
    }

    private sealed class ForeignFd() : UintrFd(0)
    {
        public override int Number => 3;

        public override bool IsDisposed => false;

        public override UintrFd Duplicate() => this;

        protected override void Dispose(bool disposing)
        {
        }
    }
}
