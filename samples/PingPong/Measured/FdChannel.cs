using System;

namespace PingPong.Measured;

/// <summary>
/// A channel made of file descriptors: each side reads its messages from one fd and writes the other side's into
/// another (eventfd, pipe, Unix socket). Reads and writes retry on EINTR.
/// </summary>
internal abstract unsafe class FdChannel : MeasuredChannel
{
    private readonly int[] _readFd = new int[2];
    private readonly int[] _writeFd = new int[2];
    private readonly int[] _owned;
    private bool _disposed;

    /// <param name="messageBytes">Bytes per message (eventfd needs its 8-byte counter; the others send one byte).</param>
    /// <param name="pingReads">The fd ping reads from.</param>
    /// <param name="pingWrites">The fd ping writes pong's messages into.</param>
    /// <param name="pongReads">The fd pong reads from.</param>
    /// <param name="pongWrites">The fd pong writes ping's messages into.</param>
    /// <param name="owned">Every fd to close on dispose.</param>
    protected FdChannel(int messageBytes, int pingReads, int pingWrites, int pongReads, int pongWrites, params int[] owned)
    {
        MessageBytes = messageBytes;
        _readFd[(int)Side.Ping] = pingReads;
        _writeFd[(int)Side.Pong] = pingWrites;
        _readFd[(int)Side.Pong] = pongReads;
        _writeFd[(int)Side.Ping] = pongWrites;
        _owned = owned;
    }

    private int MessageBytes { get; }

    public override void Send(Side to)
    {
        ulong message = 1;
        while (true)
        {
            nint written = LibC.Write(_writeFd[(int)to], &message, (nuint)MessageBytes);
            if (written == MessageBytes)
            {
                return;
            }

            int errno = LibC.LastError;
            if (written >= 0 || errno != LibC.EINTR)
            {
                throw Failure($"write to {Name}", errno);
            }
        }
    }

    public override void Receive(Side self)
    {
        ulong message = 0;
        while (true)
        {
            nint read = LibC.Read(_readFd[(int)self], &message, (nuint)MessageBytes);
            if (read == MessageBytes)
            {
                return;
            }

            int errno = LibC.LastError;
            if (read >= 0 || errno != LibC.EINTR)
            {
                throw Failure($"read from {Name}", read == 0 ? 0 : errno);
            }
        }
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (int fd in _owned)
        {
            LibC.Close(fd);
        }
    }

    /// <summary>Creates two fds with <paramref name="create"/> (pipe2, socketpair).</summary>
    protected static (int First, int Second) Pair(string call, Func<IntPtr, int> create)
    {
        int* fds = stackalloc int[2];
        if (create((IntPtr)fds) != 0)
        {
            throw Failure(call, LibC.LastError);
        }

        return (fds[0], fds[1]);
    }
}
