using System.Threading;
using Uintr;

namespace PingPong;

/// <summary>State shared by the two sides. Fields are read and written with Volatile: on hardware the sides are real threads.</summary>
internal static class Rally
{
    private static UintrSender? s_reply;
    private static long s_returns;
    private static int s_stop;

    /// <summary>The pong side's sender back to the ping side, used from its handler.</summary>
    public static UintrSender? Reply
    {
        get => Volatile.Read(ref s_reply);
        set => Volatile.Write(ref s_reply, value);
    }

    public static long Returns => Volatile.Read(ref s_returns);

    public static bool Stop
    {
        get => Volatile.Read(ref s_stop) != 0;
        set => Volatile.Write(ref s_stop, value ? 1 : 0);
    }

    public static void CountReturn() => Interlocked.Increment(ref s_returns);

    public static void Reset()
    {
        Reply = null;
        Volatile.Write(ref s_returns, 0);
        Stop = false;
    }
}

/// <summary>The ping side: vector 1 means "the ball came back".</summary>
internal static partial class PingSide
{
    [UserInterruptHandler(1)]
    private static void OnReturn() => Rally.CountReturn();
}

/// <summary>The pong side: vector 2 means "ball incoming"; the handler sends it straight back.</summary>
internal static partial class PongSide
{
    [UserInterruptHandler(2)]
    private static void OnServe(ulong vector) => Rally.Reply?.Send();
}
