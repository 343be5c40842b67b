using System;
using System.Threading;
using Uintr;

namespace PingPong.Measured;

/// <summary>
/// User IPIs on the emulated backend (UintrBackend.Emulated): each side registers a receiver on its own thread and
/// waits in <c>Wait(Block)</c> (a futex sleep the notification signal ends; two spinning threads would starve each other
/// on a small shared machine); a send is SENDUIPI in the runtime's stub. The generated
/// trampoline runs natively, but the notification is a real-time signal and SENDUIPI and UIRET are #UD traps emulated
/// by a SIGILL handler, so the figure is a real execution of the code path, not a hardware latency.
/// </summary>
internal sealed class EmulatedUserIpiChannel : MeasuredChannel
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private readonly UintrPlatform _platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
    private readonly UintrReceiver?[] _receivers = new UintrReceiver?[2];
    private readonly UintrFd?[] _fds = new UintrFd?[2];
    private readonly UintrSender?[] _senders = new UintrSender?[2];

    public override string Name => "Emulated user IPI, blocked (real execution, not hardware latency)";

    public override string Protocol => "SENDUIPI (#UD, emulated) queues a real-time signal; its handler enters the trampoline; the peer returns from Wait(Block)";

    public override void EnterThread(Side side)
    {
        var receiver = side == Side.Ping ? EmulatedPingBell.RegisterUserInterrupts(_platform) : EmulatedPongBell.RegisterUserInterrupts(_platform);
        _receivers[(int)side] = receiver;
        Volatile.Write(ref _fds[(int)side], receiver.GetFd(side == Side.Ping ? EmulatedPingBell.Vector : EmulatedPongBell.Vector).Duplicate());
    }

    public override void LeaveThread(Side side)
    {
        _senders[(int)Peer(side)]?.Dispose();
        _receivers[(int)side]?.Dispose();
    }

    public override void Send(Side to)
    {
        // Connected on first use, on the sending thread, once the peer's receiver exists.
        var sender = _senders[(int)to] ??= _platform.RegisterSender(Volatile.Read(ref _fds[(int)to]) ?? throw new InvalidOperationException($"{to} has no receiver yet."));
        sender.Send();
    }

    public override void Receive(Side self)
    {
        if (_receivers[(int)self]!.Wait(UintrWaitMode.Block, s_timeout) == 0)
        {
            throw new TimeoutException($"{self} got no user interrupt within {s_timeout.TotalSeconds:0} s.");
        }
    }

    public override void Dispose()
    {
        foreach (var fd in _fds)
        {
            fd?.Dispose();
        }
    }
}

/// <summary>The ping side of the emulated channel.</summary>
internal static partial class EmulatedPingBell
{
    public const int Vector = 11;

    [UserInterruptHandler(Vector)]
    private static void OnMessage()
    {
    }
}

/// <summary>The pong side of the emulated channel.</summary>
internal static partial class EmulatedPongBell
{
    public const int Vector = 12;

    [UserInterruptHandler(Vector)]
    private static void OnMessage()
    {
    }
}
