using System;
using System.Threading;

namespace Uintr.Runtime.Tests.Emulation;

[Collection(EmulatedCollection.Name)]
public sealed class EmulatedSmokeTests
{
    [Fact]
    public void A_send_from_another_thread_runs_the_handler()
    {
        var platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
        Assert.Contains("emulated", platform.Description);
        UintrFd? fd = null;
        var registered = new ManualResetEventSlim();
        var sent = new ManualResetEventSlim();
        int ran = 0;
        var receiver = new Thread(() =>
        {
            using var rx = PlainEmulatedBell.RegisterUserInterrupts(platform);
            Assert.True(UserInterrupts.Testui());
            fd = rx.GetFd(40).Duplicate();
            registered.Set();
            sent.Wait();
            ran = rx.Wait(UintrWaitMode.Block, TimeSpan.FromSeconds(5));
        });
        receiver.Start();
        registered.Wait();
        using (var sender = platform.RegisterSender(fd!))
        {
            sender.Send();
        }

        sent.Set();
        receiver.Join();
        fd!.Dispose();
        Assert.Equal(1, ran);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmulatedCollection
{
    public const string Name = "Emulated backend (process-wide signal handlers)";
}

[Collection(EmulatedCollection.Name)]
public sealed class EmulatedLifetimeTests
{
    [Fact]
    public void A_receiver_whose_thread_exits_without_dispose_leaves_the_handlers_table_and_its_senders_fault()
    {
        var platform = EmulatedTestPlatform.Instance;
        UintrFd? fd = null;
        int slot = -1;
        var thread = new Thread(() =>
        {
            var receiver = (Uintr.Emulation.EmulatedReceiver)CountingEmulatedBell.RegisterUserInterrupts(platform);
            slot = receiver.Slot;
            fd = receiver.GetFd(3).Duplicate();
        });
        thread.Start();
        thread.Join();
        using var sender = platform.RegisterSender(fd!);

        var machine = Uintr.Emulation.EmulatedMachine.Instance;
        for (int i = 0; i < 10 && TableEntry(machine, slot) != 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(0UL, TableEntry(machine, slot));
        var fault = Assert.Throws<UintrFaultException>(sender.Send);
        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        fd!.Dispose();
    }

    [Fact]
    public void WaitForDelivery_and_GetDeliveryCount_racing_Dispose_never_touch_freed_memory()
    {
        var platform = EmulatedTestPlatform.Instance;

        Assert.Empty(ForeignUseRace.Run(() => WakingEmulatedBell.RegisterUserInterrupts(platform), rounds: 3000));
    }

    private static unsafe ulong TableEntry(Uintr.Emulation.EmulatedMachine machine, int slot) =>
        Volatile.Read(ref ((ulong*)(machine.Globals + Uintr.Emulation.EmulationLayout.GlobalReceiverTable))[slot]);
}
