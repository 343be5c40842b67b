using System;
using System.Threading;

namespace Uintr.Runtime.Tests.Async;

/// <summary>The receiver the receiver-thread tests register: vector 3 counts, vector 5 throws when told to.</summary>
internal static partial class AsyncDoorbell
{
    public static int Rings;
    public static int HandlerThreadId;
    public static bool ThrowOnFive;

    [UserInterruptHandler(3)]
    private static void OnRing()
    {
        Rings++;
        HandlerThreadId = Environment.CurrentManagedThreadId;
    }

    [UserInterruptHandler(5)]
    private static void OnFive()
    {
        if (ThrowOnFive)
        {
            throw new InvalidOperationException("handler 5 failed");
        }
    }

    public static void Reset()
    {
        Rings = 0;
        HandlerThreadId = 0;
        ThrowOnFive = false;
        Thread.MemoryBarrier();
    }
}
