namespace Uintr.Simulation.Hosting;

/// <summary>A uintr fd of the simulated process: a number in its fd table.</summary>
internal sealed class SimulatedFd : UintrFd
{
    private bool _disposed;

    public SimulatedFd(SimulationHost host, int number, int vector)
        : base(vector)
    {
        Host = host;
        Number = number;
    }

    public SimulationHost Host { get; }

    public override int Number { get; }

    public override bool IsDisposed => _disposed;

    public override UintrFd Duplicate()
    {
        System.ObjectDisposedException.ThrowIf(_disposed, this);
        long number = Host.Syscall("dup", thread => Host.Machine.Kernel.Dup(Host.Process, Number));
        return new SimulatedFd(Host, (int)number, Vector);
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Host.Syscall("close", thread => Host.Machine.Kernel.Close(thread.Task, Number));
    }
}
