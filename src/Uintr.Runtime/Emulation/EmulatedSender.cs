using System;
using System.Threading;

namespace Uintr.Emulation;

/// <summary>
/// A UITT entry of the process-wide emulated UITT. <see cref="Send"/> executes SENDUIPI in the runtime's stub; the
/// #UD it raises is emulated by the SIGILL handler (post into the UPID, queue the notification signal when the
/// hardware would send the notification IPI).
/// </summary>
internal sealed class EmulatedSender : UintrSender
{
    private readonly EmulatedMachine _machine;
    private readonly EmulatedOpenFile _file;
    private int _disposed;
    private volatile bool _invalid;

    public EmulatedSender(EmulatedMachine machine, EmulatedOpenFile file, int index)
        : base(index)
    {
        _machine = machine;
        _file = file;
        OwnerThreadId = Environment.CurrentManagedThreadId;
    }

    public int OwnerThreadId { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override void Send()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSender)); // the public type, not the backend's
        if (_invalid || !_machine.IsUittEntryValid(Index))
        {
            // What the RFC v1 kernel makes of a send after the receiver's last close: the entry is invalid, #GP.
            throw new UintrFaultException(UintrFault.GeneralProtection, "SENDUIPI", $"UITT entry {Index} is not valid: the receiver closed vector {_file.Vector}");
        }

        _machine.Senduipi((ulong)Index);
    }

    /// <summary>The receiver closed the vector: the entry is no longer valid.</summary>
    public void Invalidate()
    {
        _invalid = true;
        _machine.InvalidateUittEntry(Index);
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _file.Disconnect(this);
            _machine.ReleaseUittEntry(Index);
        }
    }
}
