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
