using System;
using System.Threading.Channels;

namespace Uintr;

/// <summary>
/// A reader of every delivery of a <see cref="UintrReceiverThread"/> from the moment it subscribed
/// (<see cref="UintrReceiverThread.Subscribe"/>). The channel holds at most the capacity given; when the reader falls
/// further behind, the oldest deliveries are dropped and counted in <see cref="Dropped"/>. The channel completes when
/// the receiver thread ends or the subscription is disposed.
/// </summary>
public sealed class UintrDeliverySubscription : IDisposable
{
    private readonly UintrReceiverThread _owner;
    private readonly Channel<UintrDelivery> _channel;
    private long _dropped;

    internal UintrDeliverySubscription(UintrReceiverThread owner, int capacity)
    {
        _owner = owner;
        _channel = Channel.CreateBounded<UintrDelivery>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true, AllowSynchronousContinuations = false },
            _ => System.Threading.Interlocked.Increment(ref _dropped));
    }

    /// <summary>The deliveries, oldest first.</summary>
    public ChannelReader<UintrDelivery> Reader => _channel.Reader;

    /// <summary>How many deliveries were dropped because the reader was <c>capacity</c> behind.</summary>
    public long Dropped => System.Threading.Interlocked.Read(ref _dropped);

    /// <summary>Stops receiving deliveries and completes <see cref="Reader"/>.</summary>
    public void Dispose()
    {
        _owner.Unsubscribe(this);
        Complete();
    }

    internal void Publish(UintrDelivery delivery) => _channel.Writer.TryWrite(delivery);

    internal void Complete() => _channel.Writer.TryComplete();
}
