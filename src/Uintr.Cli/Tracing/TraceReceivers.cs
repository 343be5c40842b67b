namespace Uintr.Cli.Tracing;

/// <summary>The serving side of the traced rallies: vector 1 means "the ball came back".</summary>
internal static partial class TracePing
{
    [UserInterruptHandler(1)]
    private static void OnReturn()
    {
    }
}

/// <summary>The answering side: vector 2 means "ball incoming"; the handler sends it straight back.</summary>
internal static partial class TracePong
{
    /// <summary>The pong thread's sender back to ping, used by its handler.</summary>
    [System.ThreadStatic]
    public static UintrSender? Reply;

    [UserInterruptHandler(2)]
    private static void OnServe() => Reply?.Send();
}
