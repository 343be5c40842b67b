namespace Uintr.Package.Tests;

/// <summary>What a newcomer writes after <c>dotnet add package Uintr</c>: the README's receiver, unchanged in spirit.</summary>
internal static class ConsumerProgram
{
    public const string Source = """
        using System;
        using Uintr;

        var platform = UintrPlatform.Default;               // hardware if present, else the simulator
        platform.StartThread("receiver", () =>
        {
            using var receiver = Doorbell.RegisterUserInterrupts(platform); // generated: register, create fds, STUI
            using var sender = platform.RegisterSender(receiver.GetFd(3));  // a self-IPI
            sender.Send();                                  // SENDUIPI
            receiver.Wait(UintrWaitMode.Spin);              // runs OnRing(3) on this thread
        }).Join();
        Console.WriteLine($"{Doorbell.Rings} ring(s) on {platform.Description}");
        return Doorbell.Rings == 1 ? 0 : 1;

        static partial class Doorbell
        {
            public static int Rings;

            [UserInterruptHandler(3)]
            static void OnRing(ulong vector) => Rings++;
        }
        """;
}
