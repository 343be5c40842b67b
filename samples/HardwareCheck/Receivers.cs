using System.Threading;
using Uintr;

namespace HardwareCheck;

/// <summary>The self-IPI receiver: counts deliveries of vector 1.</summary>
internal static partial class SelfDoorbell
{
    public const int Vector = 1;

    private static int s_rings;

    public static int Rings => Volatile.Read(ref s_rings);

    [UserInterruptHandler(Vector)]
    private static void OnRing() => s_rings++;
}

/// <summary>A receiver whose trampoline runs on its own native stack (uintr_alt_stack, uintr-next only).</summary>
[UserInterruptReceiver(AlternateStack = true)]
internal static partial class AltStackDoorbell
{
    public const int Vector = 4;

    private static int s_rings;

    public static int Rings => Volatile.Read(ref s_rings);

    [UserInterruptHandler(Vector)]
    private static void OnRing() => s_rings++;
}

/// <summary>The ping side's receiver: the pong came back.</summary>
internal static partial class PingReceiver
{
    public const int Vector = 2;

    public static int Pongs;

    [UserInterruptHandler(Vector)]
    private static void OnPong() => Pongs++;
}

/// <summary>The pong side's receiver: a ping arrived.</summary>
internal static partial class PongReceiver
{
    public const int Vector = 3;

    public static int Pings;

    [UserInterruptHandler(Vector)]
    private static void OnPing() => Pings++;
}
