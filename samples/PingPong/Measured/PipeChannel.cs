namespace PingPong.Measured;

/// <summary>Two pipes, one per direction: write one byte, the peer returns from read.</summary>
internal sealed unsafe class PipeChannel : FdChannel
{
    private PipeChannel((int Read, int Write) toPing, (int Read, int Write) toPong)
        : base(1, pingReads: toPing.Read, pingWrites: toPong.Write, pongReads: toPong.Read, pongWrites: toPing.Write,
            toPing.Read, toPing.Write, toPong.Read, toPong.Write)
    {
    }

    public override string Name => "Pipe";

    public override string Protocol => "write(pipe, 1 byte); the peer returns from read(pipe)";

    public static PipeChannel Create() => new(Open(), Open());

    private static (int, int) Open() => Pair("pipe2", fds => LibC.Pipe2((int*)fds, LibC.O_CLOEXEC));
}
