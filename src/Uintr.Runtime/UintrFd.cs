using System;

namespace Uintr;

/// <summary>
/// A uintr file descriptor: one receiver vector, as returned by uintr_create_fd. Senders connect to it with
/// <see cref="UintrPlatform.RegisterSender"/>. The vector stays registered until every reference
/// (the receiver's own and each <see cref="Duplicate"/>) is disposed.
/// </summary>
public abstract class UintrFd : IDisposable
{
    private protected UintrFd(int vector) => Vector = vector;

    /// <summary>The receiver vector (0..63) this fd stands for.</summary>
    public int Vector { get; }

    /// <summary>The file-descriptor number in the owning process.</summary>
    public abstract int Number { get; }

    /// <summary>Whether this reference has been disposed.</summary>
    public abstract bool IsDisposed { get; }

    /// <summary>A new reference to the same open file, owned by the caller (like dup(2)).</summary>
    /// <exception cref="ObjectDisposedException">This reference was disposed.</exception>
    public abstract UintrFd Duplicate();

    /// <summary>Closes this reference (close(2)); the last close unregisters the vector.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the reference.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);

    /// <inheritdoc />
    public override string ToString() => $"uintr fd {Number} (vector {Vector})";
}
