namespace PingPong.Measured;

/// <summary>Two eventfds, one per direction: write(8 bytes) to the peer's, read(8 bytes) from one's own (the fair form of the RFC's eventfd-bi).</summary>
internal sealed class EventfdChannel : FdChannel
{
    private EventfdChannel(int pingEfd, int pongEfd)
        : base(sizeof(ulong), pingReads: pingEfd, pingWrites: pongEfd, pongReads: pongEfd, pongWrites: pingEfd, pingEfd, pongEfd)
    {
    }

    public override string Name => "Eventfd";

    public override string Protocol => "write(peer_efd, 1); the peer returns from read(own_efd)";

    public static EventfdChannel Create() => new(Open(), Open());

    private static int Open()
    {
        int fd = LibC.Eventfd(0, LibC.EFD_CLOEXEC);
        return fd >= 0 ? fd : throw Failure("eventfd", LibC.LastError);
    }
}
