namespace PingPong.Measured;

/// <summary>socketpair(AF_UNIX, SOCK_STREAM): ping uses one end, pong the other; one byte each way.</summary>
internal sealed unsafe class UnixSocketChannel : FdChannel
{
    private UnixSocketChannel((int Ping, int Pong) ends)
        : base(1, pingReads: ends.Ping, pingWrites: ends.Ping, pongReads: ends.Pong, pongWrites: ends.Pong, ends.Ping, ends.Pong)
    {
    }

    public override string Name => "Unix domain socket";

    public override string Protocol => "write(own end, 1 byte) of socketpair(AF_UNIX, SOCK_STREAM); the peer returns from read";

    public static UnixSocketChannel Create() =>
        new(Pair("socketpair", fds => LibC.Socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.O_CLOEXEC, 0, (int*)fds)));
}
