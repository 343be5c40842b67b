using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace PingPong.Measured;

/// <summary>
/// One futex word per side, each on its own cache line: the sender stores 1 and calls FUTEX_WAKE; the receiver
/// exchanges the word with 0 and sleeps in FUTEX_WAIT while it reads 0. No RFC row: a reference for the bare wake-up.
/// </summary>
internal sealed unsafe class FutexChannel : MeasuredChannel
{
    private const int IntsPerCacheLine = 16;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private int* _words = (int*)NativeMemory.AlignedAlloc(2 * 64, 64);

    public FutexChannel()
    {
        NativeMemory.Clear(_words, 2 * 64);
    }

    public override string Name => "Futex";

    public override string Protocol => "store 1, futex(FUTEX_WAKE); the peer returns from futex(FUTEX_WAIT)";

    private int* Word(Side side) => _words + ((int)side * IntsPerCacheLine);

    public override void Send(Side to)
    {
        int* word = Word(to);
        Volatile.Write(ref *word, 1);
        if (LibC.Futex(word, LibC.FUTEX_WAKE_PRIVATE, 1, null) < 0)
        {
            throw Failure("futex(FUTEX_WAKE)", LibC.LastError);
        }
    }

    public override void Receive(Side self)
    {
        int* word = Word(self);
        var timeout = new LibC.Timespec { Seconds = (long)s_timeout.TotalSeconds };
        while (Interlocked.Exchange(ref *word, 0) == 0)
        {
            if (LibC.Futex(word, LibC.FUTEX_WAIT_PRIVATE, 0, &timeout) == 0)
            {
                continue;
            }

            // EAGAIN: the word was already 1; EINTR: a signal interrupted the wait. Both mean "look again".
            int errno = LibC.LastError;
            if (errno == LibC.ETIMEDOUT)
            {
                throw new TimeoutException($"no futex wake-up within {s_timeout.TotalSeconds} s");
            }

            if (errno is not (LibC.EAGAIN or LibC.EINTR))
            {
                throw Failure("futex(FUTEX_WAIT)", errno);
            }
        }
    }

    public override void Dispose()
    {
        NativeMemory.AlignedFree(_words);
        _words = null;
    }
}
