using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>Pipe ping-pong with two pipes, one per direction, one byte each way.</summary>
internal sealed class PipeModel : IpcMechanismModel
{
    public PipeModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Pipe";

    public override string Protocol => "write(pipe_to_peer, 1 byte); the peer returns from read(pipe_from_peer)";

    public override string RfcBenchmarkDifference =>
        "The RFC's pipe benchmark comes from goldsborough/ipc-bench, which intel/uintr-ipc-bench forked: one pipe, and each " +
        "message is announced with kill(0, SIGUSR1/2) and awaited with sigwait(), so its round trip is a signal round trip " +
        "plus a pipe write and a pipe read that never block; the processes are not pinned.";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("syscall entry (write)", Kernel.SyscallEntryCycles, 1);
        yield return new("copy_from_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        yield return new("pipe_write", Kernel.PipeWriteCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("pipe_read", Kernel.PipeReadCycles, 1);
        yield return new("copy_to_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        yield return new("syscall exit (read)", Kernel.SyscallExitCycles, 1);
    }
}
