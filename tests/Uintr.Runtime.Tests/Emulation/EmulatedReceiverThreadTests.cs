using System;
using System.Threading.Tasks;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary><see cref="UintrReceiverThread"/> on the emulated backend: real threads, real signal-driven deliveries.</summary>
[Collection(EmulatedCollection.Name)]
public sealed class EmulatedReceiverThreadTests
{
    [Fact]
    public async Task An_awaited_delivery_completes_after_the_handler_ran_on_the_receiver_thread()
    {
        var platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
        long before = System.Threading.Interlocked.Read(ref PlainEmulatedBell.Rings);
        using var thread = UintrReceiverThread.Start(platform, "emulated-doorbell", PlainEmulatedBell.RegisterUserInterrupts);
        var delivery = thread.WaitForDeliveryAsync(40);
        using (var sender = platform.RegisterSender(thread.GetFd(40)))
        {
            sender.Send();
        }

        var delivered = await delivery.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(40, delivered.Vector);
        Assert.Null(delivered.Exception);
        Assert.Equal(before + 1, System.Threading.Interlocked.Read(ref PlainEmulatedBell.Rings));
    }
}
