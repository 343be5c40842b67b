using System.Threading;

namespace Uintr.Conformance;

/// <summary>The receiver most checks register: vector 5 counts its deliveries.</summary>
internal static partial class SelftestReceiver
{
    public const int Vector = 5;
    private static int s_handled;

    public static int Handled => Volatile.Read(ref s_handled);

    public static void Reset() => Volatile.Write(ref s_handled, 0);

    [UserInterruptHandler(Vector)]
    private static void OnVector(ulong vector) => Interlocked.Increment(ref s_handled);
}

/// <summary>A receiver of another vector, registered on a thread after <see cref="SelftestReceiver"/> was disposed there.</summary>
internal static partial class AltVectorSelftestReceiver
{
    public const int Vector = 9;
    private static int s_handled;

    public static int Handled => Volatile.Read(ref s_handled);

    public static void Reset() => Volatile.Write(ref s_handled, 0);

    [UserInterruptHandler(Vector)]
    private static void OnVector() => Interlocked.Increment(ref s_handled);
}

/// <summary>A second receiver, to register twice on one thread.</summary>
internal static partial class SecondSelftestReceiver
{
    [UserInterruptHandler(6)]
    private static void OnVector()
    {
    }
}

/// <summary>A receiver whose trampoline runs on the uintr_alt_stack stack (uintr-next ABI only).</summary>
[UserInterruptReceiver(AlternateStack = true)]
internal static partial class AltStackSelftestReceiver
{
    public const int Vector = 7;
    private static int s_handled;

    public static int Handled => Volatile.Read(ref s_handled);

    public static void Reset() => Volatile.Write(ref s_handled, 0);

    [UserInterruptHandler(Vector)]
    private static void OnVector(ulong vector) => Interlocked.Increment(ref s_handled);
}
