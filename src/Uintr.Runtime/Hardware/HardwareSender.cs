using System;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>
/// A UITT entry of the calling thread (RFC v1) or process (uintr-next). <see cref="Send"/> executes SENDUIPI.
/// A fault there is a real SIGILL/SIGSEGV that .NET cannot turn into an exception, so misuse the backend
/// can see (disposed sender, RFC v1 index used on another thread) is refused before the instruction runs, and on
/// RFC v1 the sender keeps its own reference to the receiver's file so that no close elsewhere can invalidate its
/// UITT entry. A send after the receiver unregistered is dropped by the CPU and kernel (SN is set), not a fault.
/// </summary>
internal sealed class HardwareSender : UintrSender
{
    private readonly IUintrKernel _kernel;
    private readonly IUintrInstructions _instructions;
    // RFC v1: the sender's own duplicate of the receiver's fd (see HardwarePlatform.RegisterSender); -1 on uintr-next.
    private readonly int _fd;
    private readonly int _ownerThreadId;
    private readonly string _ownerThreadName;
    private int _disposed;

    public HardwareSender(IUintrKernel kernel, IUintrInstructions instructions, int index, int fd)
        : base(index)
    {
        _kernel = kernel;
        _instructions = instructions;
        _fd = fd;
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _ownerThreadName = Thread.CurrentThread.Name ?? $"#{_ownerThreadId}";
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override void Send()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, typeof(UintrSender)); // the public type, not the backend's
        RequireOwnerOnRfcV1(nameof(Send));
        _instructions.SendUipi((ulong)Index);
    }

    protected override void Dispose(bool disposing)
    {
        // uintr_unregister_sender acts on the calling thread's UITT on RFC v1: a finalizer cannot do it.
        if (!disposing || IsDisposed)
        {
            return;
        }

        RequireOwnerOnRfcV1(nameof(Dispose));
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                _kernel.UnregisterSender(_fd, Index);
            }
            finally
            {
                // Only after the connection is gone: closing first would be the release that kills it (RFC v1).
                if (_fd >= 0)
                {
                    _kernel.Close(_fd);
                }
            }
        }
    }

    private void RequireOwnerOnRfcV1(string operation)
    {
        if (_kernel.Abi == KernelAbi.RfcV1 && Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"{operation} must run on thread '{_ownerThreadName}', which registered the sender: on the RFC v1 kernel the UITT (index {Index}) belongs to that thread, and SENDUIPI elsewhere would raise #UD (SIGILL).");
        }
    }
}
