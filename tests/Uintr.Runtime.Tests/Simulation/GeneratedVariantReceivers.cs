namespace Uintr.Runtime.Tests.Simulation;

/// <summary>Counts deliveries per vector.</summary>
[UserInterruptReceiver(CountDeliveries = true)]
internal static partial class CountingBell
{
    public static int Rings;

    [UserInterruptHandler(3)] private static void OnThree() => Rings++;

    [UserInterruptHandler(9)] private static void OnNine() => Rings++;
}

/// <summary>Wakes a futex waiter on every delivery.</summary>
[UserInterruptReceiver(WakeWaiter = true)]
internal static partial class WakingBell
{
    public static int Rings;

    [UserInterruptHandler(5)] private static void OnFive() => Rings++;
}

/// <summary>Takes its deliveries on an alternate stack.</summary>
[UserInterruptReceiver(AlternateStack = true)]
internal static partial class AltStackBell
{
    public static int Rings;

    [UserInterruptHandler(1)] private static void OnOne() => Rings++;
}

/// <summary>Begins its trampoline with ENDBR64.</summary>
[UserInterruptReceiver(EndBranch = true)]
internal partial struct EndBranchBell
{
    public static int Rings;

    [UserInterruptHandler(60)] private static void OnSixty(ulong vector) => Rings += (int)vector;
}

/// <summary>Every option at once.</summary>
[UserInterruptReceiver(CountDeliveries = true, WakeWaiter = true, AlternateStack = true, EndBranch = true)]
internal static partial class EveryOptionBell
{
    public static int Rings;

    [UserInterruptHandler(0)] private static void OnZero() => Rings++;

    [UserInterruptHandler(63)] private static void OnSixtyThree() => Rings++;
}
