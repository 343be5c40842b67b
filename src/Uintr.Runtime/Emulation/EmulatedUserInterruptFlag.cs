using System;

namespace Uintr.Emulation;

/// <summary>
/// UIF on the emulated backend. On a receiver thread CLUI, STUI and TESTUI execute in the runtime's stubs, raise #UD
/// and are emulated by the SIGILL handler on the receiver block the notification handler reads. On any other thread
/// UIF has no effect (nothing can be delivered there), so it is kept in a thread-local and costs no trap.
/// </summary>
internal sealed class EmulatedUserInterruptFlag(EmulatedPlatform platform) : IUserInterruptFlag
{
    [ThreadStatic]
    private static bool t_flag;

    public void Clui()
    {
        if (EmulatedPlatform.CurrentReceiver is not null)
        {
            platform.Machine.Clui();
        }

        t_flag = false;
    }

    public void Stui()
    {
        if (EmulatedPlatform.CurrentReceiver is not null)
        {
            platform.Machine.Stui();
        }

        t_flag = true;
    }

    public bool Testui() => EmulatedPlatform.CurrentReceiver is not null ? platform.Machine.Testui() : t_flag;
}
