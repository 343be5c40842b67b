using System;
using System.Threading;
using Uintr;

namespace HardwareCheck;

/// <summary>
/// The kernel behaviours the hardware backend depends on, one line each: the alternate stack (uintr-next), closing a
/// receiver's fd while a sender on another thread is live (RFC v1 kills such senders), re-registering on one thread
/// (uintr-next keeps the UPID), and a blocked Wait woken by a sender.
/// </summary>
internal static class KernelBehaviourChecks
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <returns>The number of checks that failed.</returns>
    public static int Run(UintrPlatform platform)
    {
        int failed = 0;
        failed += Check("alternate stack", () => AlternateStack(platform));
        failed += Check("fd close with a live sender", () => FdCloseWithLiveSender(platform));
        failed += Check("re-registration on one thread", () => Reregistration(platform));
        failed += Check("blocking wake-up", () => BlockingWakeUp(platform));
        return failed;
    }

    private static int Check(string name, Func<string> body)
    {
        try
        {
            Console.WriteLine($"  {name,-29}: {body()}");
            return 0;
        }
        catch (Exception e) when (e is UintrException or TimeoutException or InvalidOperationException or NotSupportedException)
        {
            Console.WriteLine($"  {name,-29}: FAILED: {e.Message}");
            return 1;
        }
    }

    private static string AlternateStack(UintrPlatform platform)
    {
        try
        {
            return OnThread(platform, () =>
            {
                using var receiver = AltStackDoorbell.RegisterUserInterrupts(platform);
                using var sender = platform.RegisterSender(receiver.GetFd(AltStackDoorbell.Vector));
                sender.Send();
                Require(receiver.Wait(UintrWaitMode.Spin, s_timeout) == 1, "the interrupt was not delivered on the alternate stack");
                return "ok (delivered on a 16 KiB native stack given to uintr_alt_stack by its top)";
            });
        }
        catch (NotSupportedException e)
        {
            return $"skipped: {e.Message}";
        }
    }

    private static string FdCloseWithLiveSender(UintrPlatform platform)
    {
        UintrReceiver? receiver = null;
        int connected = 0, closed = 0, handled = 0;
        var receiverThread = platform.StartThread("rx", () =>
        {
            var registered = SelfDoorbell.RegisterUserInterrupts(platform);
            Volatile.Write(ref receiver, registered);
            platform.SpinUntil(() => Volatile.Read(ref connected) == 1, s_timeout);
            handled = registered.Wait(UintrWaitMode.Spin, s_timeout);
            // Deliberate: this check closes the receiver's own fd first to show what that does to a live sender.
#pragma warning disable UINTR025
            registered.GetFd(SelfDoorbell.Vector).Dispose();
#pragma warning restore UINTR025
            registered.Dispose();
            Volatile.Write(ref closed, 1);
        });
        OnThread(platform, () =>
        {
            platform.SpinUntil(() => Volatile.Read(ref receiver) is not null, s_timeout);
            using var sender = platform.RegisterSender(receiver!.GetFd(SelfDoorbell.Vector));
            sender.Send();
            Volatile.Write(ref connected, 1);
            platform.SpinUntil(() => Volatile.Read(ref closed) == 1, s_timeout);
            sender.Send();   // RFC v1 would raise #GP here if the sender did not hold its own copy of the fd
            return "";
        });
        receiverThread.Join();
        Require(handled == 1, "the send before the close was not handled");
        return "ok (the process survived sends after the receiver closed its fd and unregistered)";
    }

    private static string Reregistration(UintrPlatform platform) => OnThread(platform, () =>
    {
        for (int round = 0; round < 3; round++)
        {
            using var receiver = SelfDoorbell.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelfDoorbell.Vector));
            sender.Send();
            Require(receiver.Wait(UintrWaitMode.Spin, s_timeout) == 1, $"round {round}: the interrupt was not delivered");
            Require(receiver.DroppedUndeclaredVectors == 0, $"round {round}: stale posts reached the receiver");
        }

        return "ok (three receivers in turn on one thread)";
    });

    private static string BlockingWakeUp(UintrPlatform platform)
    {
        UintrFd? fd = null;
        int handled = -1;
        long woke = 0, sent = 0;
        var receiverThread = platform.StartThread("rx", () =>
        {
            using var receiver = PongReceiver.RegisterUserInterrupts(platform);
            Volatile.Write(ref fd, receiver.GetFd(PongReceiver.Vector));
            handled = receiver.Wait(UintrWaitMode.Block, s_timeout);
            woke = platform.GetTimestamp();
        });
        OnThread(platform, () =>
        {
            platform.SpinUntil(() => Volatile.Read(ref fd) is not null, s_timeout);
            using var sender = platform.RegisterSender(fd!);
            Thread.Sleep(50);
            sent = platform.GetTimestamp();
            sender.Send();
            return "";
        });
        receiverThread.Join();
        Require(handled == 1, "Wait(Block) was not woken");
        double microseconds = (woke - sent) * 1e6 / platform.TimestampFrequency;
        return $"ok (woken {microseconds:0} us after the send; more than about 1,000 us means the kernel does not wake sleeping receivers)";
    }

    private static string OnThread(UintrPlatform platform, Func<string> body)
    {
        string result = "";
        Exception? failure = null;
        platform.StartThread("check", () =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }).Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return result;
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
