using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>eventfd ping-pong with two eventfds, one per direction: write(8 bytes) to the peer's, read(8 bytes) from one's own.</summary>
internal sealed class EventfdModel : IpcMechanismModel
{
    public EventfdModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Eventfd";

    public override string Protocol => "write(peer_efd, 1); the peer returns from read(own_efd)";

    public override string RfcBenchmarkDifference =>
        "The RFC's eventfd-bi benchmark shares one eventfd between both processes: a side can read back its own token and " +
        "must write it again (an extra read, write and possibly an extra wake-up per message), and the two processes are " +
        "not pinned. This model is the fair two-eventfd version.";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("syscall entry (write)", Kernel.SyscallEntryCycles, 1);
        yield return new("copy_from_user (8 bytes)", Kernel.SmallUserCopyCycles, 1);
        yield return new("eventfd_write", Kernel.EventfdWriteCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("eventfd_read", Kernel.EventfdReadCycles, 1);
        yield return new("copy_to_user (8 bytes)", Kernel.SmallUserCopyCycles, 1);
        yield return new("syscall exit (read)", Kernel.SyscallExitCycles, 1);
    }
}
