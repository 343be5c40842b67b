using System;
using Uintr;

namespace HardwareCheck;

/// <summary>
/// Says whether this machine can run user interrupts on real hardware and, if it can, measures a self-IPI and a
/// two-thread ping-pong. Without UINTR it prints exactly what is missing and exits 0: that is a valid answer.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("UINTR hardware check");
        UintrPlatform hardware;
        try
        {
            hardware = UintrPlatform.Hardware();
        }
        catch (PlatformNotSupportedException e)
        {
            Console.WriteLine("  hardware backend : not available");
            Console.WriteLine($"  missing          : {e.Message}");
            Console.WriteLine($"  default backend  : {DescribeDefault()}");
            Console.WriteLine("  The self-IPI and ping-pong measurements need UINTR hardware; nothing was run.");
            return 0;
        }

        Console.WriteLine($"  hardware backend : {hardware.Description}");
        try
        {
            SelfIpiCheck.Run(hardware).Print("self-IPI (SENDUIPI to own vector -> handler dispatched, spin wait)");
            PingPongCheck.Run(hardware).Print("ping-pong round trip (two threads, spin wait)");
            Console.WriteLine("  kernel behaviour the backend depends on:");
            return KernelBehaviourChecks.Run(hardware) == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is UintrException or TimeoutException or InvalidOperationException)
        {
            Console.WriteLine($"  FAILED           : {e.Message}");
            return 1;
        }
    }

    private static string DescribeDefault()
    {
        try
        {
            return UintrPlatform.Default.Description;
        }
        catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException)
        {
            return $"cannot be created: {e.Message}";
        }
    }
}
