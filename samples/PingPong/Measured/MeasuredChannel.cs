using System;

namespace PingPong.Measured;

/// <summary>
/// One IPC mechanism of the real ping-pong: a message of size 1 to the other side, and a blocking wait for the other
/// side's message. Both sides call <see cref="EnterThread"/> on their own thread before any message is sent.
/// </summary>
internal abstract class MeasuredChannel : IDisposable
{
    /// <summary>The mechanism as the RFC's table names it.</summary>
    public abstract string Name { get; }

    /// <summary>What one direction does, in system-call terms.</summary>
    public abstract string Protocol { get; }

    /// <summary>Per-thread setup on <paramref name="side"/>'s own thread (signal masks, thread ids).</summary>
    public virtual void EnterThread(Side side)
    {
    }

    /// <summary>Per-thread teardown on <paramref name="side"/>'s own thread, after its last message.</summary>
    public virtual void LeaveThread(Side side)
    {
    }

    /// <summary>Sends one message to <paramref name="to"/>.</summary>
    public abstract void Send(Side to);

    /// <summary>Blocks until the message for <paramref name="self"/> arrives and consumes it.</summary>
    public abstract void Receive(Side self);

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>The other side.</summary>
    protected static Side Peer(Side side) => side == Side.Ping ? Side.Pong : Side.Ping;

    /// <summary>Throws for a failed call with the errno it set.</summary>
    protected static InvalidOperationException Failure(string call, int errno) =>
        new($"{call} failed with errno {errno} ({System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)})");
}
