using System.Threading;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>The default trampoline: pending bit only.</summary>
internal static partial class PlainEmulatedBell
{
    public static long Rings;

    [UserInterruptHandler(2)] private static void OnTwo() => Interlocked.Increment(ref Rings);

    [UserInterruptHandler(40)] private static void OnForty() => Interlocked.Increment(ref Rings);
}

/// <summary>Counts deliveries per vector.</summary>
[UserInterruptReceiver(CountDeliveries = true)]
internal static partial class CountingEmulatedBell
{
    public static long Rings;

    [UserInterruptHandler(3)] private static void OnThree() => Interlocked.Increment(ref Rings);

    [UserInterruptHandler(9)] private static void OnNine() => Interlocked.Increment(ref Rings);
}

/// <summary>Wakes a futex waiter on every delivery (and counts, so deliveries can be checked exactly).</summary>
[UserInterruptReceiver(WakeWaiter = true, CountDeliveries = true)]
internal static partial class WakingEmulatedBell
{
    public static long Rings;

    [UserInterruptHandler(5)] private static void OnFive() => Interlocked.Increment(ref Rings);

    [UserInterruptHandler(6)] private static void OnSix() => Interlocked.Increment(ref Rings);
}

/// <summary>Takes its deliveries on an alternate stack.</summary>
[UserInterruptReceiver(AlternateStack = true, CountDeliveries = true)]
internal static partial class AltStackEmulatedBell
{
    public static long Rings;

    [UserInterruptHandler(1)] private static void OnOne() => Interlocked.Increment(ref Rings);

    [UserInterruptHandler(62)] private static void OnSixtyTwo() => Interlocked.Increment(ref Rings);
}

/// <summary>Begins its trampoline with ENDBR64.</summary>
[UserInterruptReceiver(EndBranch = true, CountDeliveries = true)]
internal static partial class EndBranchEmulatedBell
{
    public static long Rings;

    [UserInterruptHandler(60)] private static void OnSixty() => Interlocked.Increment(ref Rings);

    [UserInterruptHandler(0)] private static void OnZero() => Interlocked.Increment(ref Rings);
}
