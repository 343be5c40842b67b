using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Hosting;

/// <summary>A socket end of a simulated process: a number in its fd table, backed by a <see cref="SocketFile"/>.</summary>
internal sealed class SimulatedSocket(SimulationHost host, SimProcess process, int number) : UintrSocket
{
    private bool _disposed;

    public SimulationHost Host => host;

    public SimProcess Process => process;

    public override int Number => number;

    public override bool IsDisposed => _disposed;

    private UintrKernel Kernel => host.Machine.Kernel;

    public override void Send(UintrFd fd)
    {
        ArgumentNullException.ThrowIfNull(fd);
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrSocket)); // the public type, not the backend's
        if (fd is not SimulatedFd simulated || simulated.Host != host)
        {
            throw new ArgumentException($"{fd} belongs to another platform or simulator than {this}.", nameof(fd));
        }

        ObjectDisposedException.ThrowIf(fd.IsDisposed, typeof(UintrFd));
        host.CurrentIn(process, this);
        host.CurrentIn(simulated.Process, fd);
        host.Syscall("sendmsg", _ => Kernel.SendFds(process, number, [fd.Number]));
    }

    public override UintrFd ReceiveFd(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(UintrSocket)); // the public type, not the backend's
        var thread = host.CurrentIn(process, this);
        long? deadline = timeout is { } span ? host.Now + host.Platform.ToCycles(span) : null;
        while (true)
        {
            System.Collections.Generic.IReadOnlyList<(int Fd, KernelFile File)>? received = null;
            host.Syscall("recvmsg", _ =>
            {
                var (message, error) = Kernel.ReceiveFds(process, number);
                received = message;
                return error.Failed ? error : SyscallResult.Ok(message is null ? -(long)Errno.EAGAIN : message.Count);
            });

            if (received is null)
            {
                if (!host.SpinUntil(thread, () => Kernel.SocketReadable(process, number), deadline))
                {
                    throw new TimeoutException($"recvmsg on {this}: nothing arrived within {timeout}; nothing was consumed.");
                }

                continue;
            }

            if (received.Count == 0)
            {
                throw new System.IO.EndOfStreamException($"recvmsg on {this}: the peer closed its end of the socket (or its process exited) and nothing more is queued.");
            }

            var (fd, file) = received[0];
            if (received.Count != 1 || file is not UintrFile uintr)
            {
                foreach (var (extra, _) in received)
                {
                    host.Syscall("close", t => Kernel.Close(t.Task, extra));
                }

                throw received.Count != 1
                    ? new System.IO.InvalidDataException($"recvmsg on {this}: the peer sent {received.Count} fds in one message; they were closed.")
                    : new UintrException(Errno.EOPNOTSUPP, "recvmsg", $"the peer sent a {file.Kind} fd, not a uintr fd (register_sender would refuse it with EOPNOTSUPP); it was closed, and the socket stays usable");
            }

            return new SimulatedFd(host, process, fd, uintr.Vector);
        }
    }

    public override void SendHandle(SafeHandle handle) => throw HandlesUnsupported();

    public override SafeFileHandle ReceiveHandle(TimeSpan? timeout = null) => throw HandlesUnsupported();

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!process.Exited)
        {
            host.Syscall("close", t => Kernel.Close(process == t.Task.Process ? t.Task : process.Tasks[0], number));
        }
    }

    private NotSupportedException HandlesUnsupported() =>
        new($"{this} is a socket of the simulated kernel: simulated processes exchange uintr fds (Send/ReceiveFd), not host handles. Ordinary handles travel over UintrSocket.CreateSystemPair between real processes.");
}
