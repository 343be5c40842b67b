using System;
using System.Runtime.InteropServices;
using Uintr;
using Uintr.Emulation;
using Uintr.Hardware;

namespace Uintr.Emulation.Child;

/// <summary>Modes: <c>ud2</c> and <c>ud2-without-backend</c> (execute an unrelated UD2), <c>take-signal</c>.</summary>
internal static unsafe partial class Program
{
    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : string.Empty;
        switch (mode)
        {
            case "ud2":
            case "ud2-without-backend":
                if (mode == "ud2")
                {
                    var platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
                    Console.WriteLine($"backend: {platform.Description}");
                    Console.WriteLine($"previous SIGILL handler: 0x{EmulatedMachine.Instance.PreviousIllegalInstructionHandler:X}");
                }

                Console.Out.Flush();

                // UD2; RET in a page of its own: nothing the backend registered.
                using (var page = ExecutablePage.Seal(new byte[] { 0x0F, 0x0B, 0xC3 }))
                {
                    ((delegate* unmanaged<void>)page.Address)();
                }

                Console.WriteLine("survived UD2");
                return 0;

            case "take-signal":
            {
                var platform = UintrPlatform.Create(new UintrPlatformOptions { Backend = UintrBackend.Emulated });
                int signal = EmulatedMachine.Instance.Signal;
                using var registration = PosixSignalRegistration.Create((PosixSignal)signal, _ => { });
                try
                {
                    using var receiver = ChildBell.RegisterUserInterrupts(platform);
                    Console.WriteLine("registered despite the stolen signal");
                    return 1;
                }
                catch (InvalidOperationException e)
                {
                    Console.WriteLine(e.Message);
                    return 0;
                }
            }

            default:
                Console.Error.WriteLine("usage: Uintr.Emulation.Child ud2 | ud2-without-backend | take-signal");
                return 2;
        }
    }
}

internal static partial class ChildBell
{
    [UserInterruptHandler(1)] private static void OnOne() { }
}
