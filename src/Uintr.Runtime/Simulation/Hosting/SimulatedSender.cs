using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Hosting;

/// <summary>A UITT entry of a simulated thread; <see cref="Send"/> executes SENDUIPI on the calling thread's core.</summary>
internal sealed class SimulatedSender : UintrSender
{
    private readonly SimulationHost _host;
    private readonly HostedThread _owner;
    private readonly int _ownFd;
    private bool _disposed;

    // ownFd: on RFC v1 the sender's own duplicate of the receiver's fd; -1 on uintr-next.
    public SimulatedSender(SimulationHost host, HostedThread owner, int index, int ownFd)
        : base(index)
    {
        _host = host;
        _owner = owner;
        _ownFd = ownFd;
    }

    /// <summary>
    /// SENDUIPI runs on the calling thread's core with that thread's UITT, as on hardware: from another thread the
    /// index means whatever that thread's UITT holds (RFC v1 UITTs are per thread), usually #UD or #GP.
    /// </summary>
    public override void Send()
    {
        System.ObjectDisposedException.ThrowIf(_disposed, typeof(UintrSender)); // the public type, not the backend's
        var thread = _host.Current();
        try
        {
            _host.Machine.ExecuteSenduipi(thread.Core, (ulong)Index, _host.Now);
        }
        catch (ArchitecturalFault fault) when (thread != _owner)
        {
            // The usual cause is the thread, not the index: say whose sender this is.
            throw new UintrFaultException(fault.Fault, fault.Instruction,
                $"{fault.Reason}; the sender was registered by thread '{_owner.Name}' and its index (uipi {Index}) is valid only there, because RFC v1 keeps one UITT per thread");
        }
        catch (ArchitecturalFault fault)
        {
            throw fault.ToPublic();
        }

        _host.Consume(thread, _host.Machine.Timing.SenduipiCycles);
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var kernel = _host.Machine.Kernel;
        if (!_owner.Task.Exited)
        {
            // uintr_unregister_sender by fd (RFC v1: the sender's own, never closed elsewhere) or by index (uintr-next).
            _host.Syscall("uintr_unregister_sender", _ => kernel.UnregisterSender(_owner.Task, _ownFd >= 0 ? _ownFd : Index, 0));
        }

        if (_ownFd >= 0)
        {
            // Only after the connection is gone: closing first would be the release that kills it.
            _host.Syscall("close", thread => kernel.Close(thread.Task, _ownFd));
        }
    }
}
