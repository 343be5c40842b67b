using System;

namespace Uintr;

/// <summary>A handler (or work posted to the receiver thread) threw; see <see cref="UintrReceiverThread.HandlerFailed"/>.</summary>
public sealed class UintrHandlerFailedEventArgs : EventArgs
{
    internal UintrHandlerFailedEventArgs(int vector, Exception exception)
    {
        Vector = vector;
        Exception = exception;
    }

    /// <summary>The vector whose handler threw, or -1 for a callback posted to <see cref="UintrReceiverThread.SynchronizationContext"/>.</summary>
    public int Vector { get; }

    /// <summary>What was thrown.</summary>
    public Exception Exception { get; }
}
