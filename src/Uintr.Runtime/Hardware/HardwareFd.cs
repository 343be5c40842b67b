using System;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>A real uintr file descriptor: <see cref="UintrFd.Duplicate"/> is dup(2), disposing is close(2).</summary>
internal sealed class HardwareFd : UintrFd
{
    private readonly IUintrKernel _kernel;
    private int _disposed;

    public HardwareFd(IUintrKernel kernel, int vector, int number)
        : base(vector)
    {
        _kernel = kernel;
        Number = number;
    }

    public override int Number { get; }

    public override bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override UintrFd Duplicate()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrFd)); // the public type, not the backend's
        return new HardwareFd(_kernel, Vector, _kernel.Duplicate(Number));
    }

    // Closing from the finalizer is fine: unlike the handler, an fd is not tied to a thread.
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _kernel.Close(Number);
        }
    }

    ~HardwareFd()
    {
        Dispose(disposing: false);
    }
}
