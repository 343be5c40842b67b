using System;

namespace PingPong.Measured;

/// <summary>
/// Signals without a handler: each thread blocks SIGUSR1 and SIGUSR2 with pthread_sigmask, the sender directs one at
/// the peer thread with tgkill, and the peer takes it from its pending set with sigtimedwait. A blocked, thread-directed
/// signal only becomes pending, so no handler ever runs: no managed code in signal context, and the .NET runtime's own
/// signal handling is not involved. This is the native-safe form of the RFC's signal benchmark (which uses sigwait the
/// same way, but with kill(0) to the process group).
/// </summary>
internal sealed unsafe class SignalChannel : MeasuredChannel
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private readonly int _processId = LibC.Getpid();
    private readonly int[] _threadId = new int[2];
    private readonly byte[][] _savedMask = { new byte[LibC.SigsetBytes], new byte[LibC.SigsetBytes] };

    public override string Name => "Signal";

    public override string Protocol => "tgkill(peer, SIGUSR1/2) with the signal blocked; the peer returns from sigtimedwait";

    /// <summary>The signal that carries messages to <paramref name="side"/>.</summary>
    private static int SignalFor(Side side) => side == Side.Pong ? LibC.SIGUSR1 : LibC.SIGUSR2;

    public override void EnterThread(Side side)
    {
        _threadId[(int)side] = LibC.Gettid();
        byte* both = stackalloc byte[LibC.SigsetBytes];
        LibC.Sigemptyset(both);
        LibC.Sigaddset(both, LibC.SIGUSR1);
        LibC.Sigaddset(both, LibC.SIGUSR2);
        fixed (byte* saved = _savedMask[(int)side])
        {
            int error = LibC.PthreadSigmask(LibC.SIG_BLOCK, both, saved);
            if (error != 0)
            {
                throw Failure("pthread_sigmask(SIG_BLOCK)", error);
            }
        }
    }

    public override void LeaveThread(Side side)
    {
        // Take any signal still pending for this thread before unblocking, so none is ever delivered (SIGUSR1's default action ends the process).
        byte* own = stackalloc byte[LibC.SigsetBytes];
        LibC.Sigemptyset(own);
        LibC.Sigaddset(own, SignalFor(side));
        var now = default(LibC.Timespec);
        while (LibC.Sigtimedwait(own, null, &now) > 0)
        {
        }

        fixed (byte* saved = _savedMask[(int)side])
        {
            LibC.PthreadSigmask(LibC.SIG_SETMASK, saved, null);
        }
    }

    public override void Send(Side to)
    {
        if (LibC.Tgkill(_processId, _threadId[(int)to], SignalFor(to)) != 0)
        {
            throw Failure("tgkill", LibC.LastError);
        }
    }

    public override void Receive(Side self)
    {
        byte* own = stackalloc byte[LibC.SigsetBytes];
        LibC.Sigemptyset(own);
        LibC.Sigaddset(own, SignalFor(self));
        var timeout = new LibC.Timespec { Seconds = (long)s_timeout.TotalSeconds };
        while (true)
        {
            int signal = LibC.Sigtimedwait(own, null, &timeout);
            if (signal == SignalFor(self))
            {
                return;
            }

            int errno = LibC.LastError;
            if (signal >= 0 || errno != LibC.EINTR)
            {
                throw errno == LibC.EAGAIN
                    ? new TimeoutException($"no signal arrived within {s_timeout.TotalSeconds} s")
                    : Failure("sigtimedwait", errno);
            }
        }
    }

    public override void Dispose()
    {
    }
}
