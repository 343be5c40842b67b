using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>Unix domain socket ping-pong over socketpair(AF_UNIX, SOCK_STREAM), one byte each way.</summary>
internal sealed class UnixSocketModel : IpcMechanismModel
{
    public UnixSocketModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Unix domain socket";

    public override string Protocol => "send(sock, 1 byte); the peer returns from recv(sock)";

    public override string RfcBenchmarkDifference =>
        "The RFC's domain-socket benchmark connects through a socket path (connect/accept, not socketpair), enlarges the " +
        "socket buffers and does a memset of the message per iteration; the processes are not pinned. The per-message " +
        "kernel path is the same unix_stream_sendmsg / unix_stream_read_generic.";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("syscall entry (send)", Kernel.SyscallEntryCycles, 1);
        yield return new("unix_stream_sendmsg (skb alloc, queue)", Kernel.UnixStreamSendCycles, 1);
        yield return new("copy_from_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("unix_stream_read_generic (dequeue, free skb)", Kernel.UnixStreamReceiveCycles, 1);
        yield return new("copy_to_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        yield return new("syscall exit (recv)", Kernel.SyscallExitCycles, 1);
    }
}
