using System;
using System.Threading;

namespace Uintr.Async;

/// <summary>Posts callbacks to a <see cref="UintrReceiverThread"/>, which runs them between waits, in order.</summary>
internal sealed class ReceiverThreadSynchronizationContext(UintrReceiverThread owner) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        owner.Post(d, state);
    }

    /// <summary>Runs at once on the receiver thread; from any other thread it would block until the thread gets to it, which it refuses.</summary>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!owner.IsReceiverThread)
        {
            throw new NotSupportedException($"Send to receiver thread '{owner.Name}' from another thread would block until it runs; use Post.");
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
