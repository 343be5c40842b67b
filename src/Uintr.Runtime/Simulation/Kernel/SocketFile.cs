using System.Collections.Generic;

namespace Uintr.Simulation.Kernel;

/// <summary>
/// One end of a connected AF_UNIX SOCK_SEQPACKET pair (socketpair(2)). Messages sent on one end queue at the other.
/// An fd in flight holds a reference to its file, as the kernel's SCM_RIGHTS list does (net/core/scm.c), so a sender
/// may close its own copy, or exit, before the peer receives it.
/// </summary>
internal sealed class SocketFile : KernelFile
{
    /// <summary>The other end; null once both ends exist (set by <see cref="UintrKernel.SocketPair"/>).</summary>
    public SocketFile? Peer { get; set; }

    /// <summary>Messages sent by the peer and not received yet, each with the files it carries.</summary>
    public Queue<IReadOnlyList<KernelFile>> Incoming { get; } = new();

    /// <summary>The last reference to this end was closed (the peer reads end-of-file, its sends fail with EPIPE).</summary>
    public bool Released { get; set; }

    public override string Kind => "socket";
}
