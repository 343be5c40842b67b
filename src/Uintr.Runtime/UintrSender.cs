using System;

namespace Uintr;

/// <summary>
/// A connection from the registering thread to one receiver vector: a UITT entry. <see cref="Send"/>
/// executes SENDUIPI with <see cref="Index"/>. Disposing it calls uintr_unregister_sender.
/// </summary>
public abstract class UintrSender : IDisposable
{
    private protected UintrSender(int index) => Index = index;

    /// <summary>The UITT index returned by uintr_register_sender (the SENDUIPI operand).</summary>
    public int Index { get; }

    /// <summary>Executes SENDUIPI: posts the vector into the receiver's UPID and notifies it if needed.</summary>
    /// <exception cref="UintrFaultException">#GP (invalid UITT entry or UPID) or #UD (no sender registered on this thread).</exception>
    /// <exception cref="ObjectDisposedException">The sender was disposed.</exception>
    public abstract void Send();

    /// <summary>Unregisters the sender (uintr_unregister_sender).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the UITT entry.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
