using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Hosting;

/// <summary>A uintr fd of a simulated process: a number in that process's fd table.</summary>
internal sealed class SimulatedFd : UintrFd
{
    private bool _disposed;

    public SimulatedFd(SimulationHost host, SimProcess process, int number, int vector)
        : base(vector)
    {
        Host = host;
        Process = process;
        Number = number;
    }

    public SimulationHost Host { get; }

    /// <summary>The simulated process whose fd table holds <see cref="Number"/>.</summary>
    public SimProcess Process { get; }

    public override int Number { get; }

    public override bool IsDisposed => _disposed;

    public override UintrFd Duplicate()
    {
        System.ObjectDisposedException.ThrowIf(_disposed, typeof(UintrFd)); // the public type, not the backend's
        Host.CurrentIn(Process, this);
        long number = Host.Syscall("dup", thread => Host.Machine.Kernel.Dup(Process, Number));
        return new SimulatedFd(Host, Process, (int)number, Vector);
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // A process that exited had its whole fd table closed by the kernel already.
        if (!Process.Exited)
        {
            Host.Syscall("close", thread => Host.Machine.Kernel.Close(Process == thread.Task.Process ? thread.Task : Process.Tasks[0], Number));
        }
    }
}
