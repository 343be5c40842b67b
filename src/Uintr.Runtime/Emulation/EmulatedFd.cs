using System;
using System.Threading;

namespace Uintr.Emulation;

/// <summary>
/// One reference to an emulated uintr fd. Its number is a real close-on-exec descriptor (an eventfd), so it is unique
/// in the process; <see cref="Duplicate"/> dups it and the last close unregisters the vector.
/// </summary>
internal sealed class EmulatedFd : UintrFd
{
    private int _disposed;

    public EmulatedFd(EmulatedOpenFile file, int number)
        : base(file.Vector)
    {
        File = file;
        Number = number;
    }

    /// <summary>The open file all duplicates share.</summary>
    public EmulatedOpenFile File { get; }

    public override int Number { get; }

    public override bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override UintrFd Duplicate()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrFd)); // the public type, not the backend's
        return File.Duplicate(Number);
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = EmulationNative.Close(Number);
            File.Release();
        }
    }

    ~EmulatedFd()
    {
        Dispose(disposing: false);
    }
}
