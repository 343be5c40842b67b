using System;
using System.Threading;

namespace Uintr;

/// <summary>
/// The user-interrupt flag (UIF) of the calling thread: CLUI, STUI and TESTUI. While UIF is 0,
/// interrupts stay pending in UIRR and are delivered once it is set again.
/// </summary>
public static class UserInterrupts
{
    [ThreadStatic]
    private static UintrPlatform? t_platform;

    /// <summary>CLUI: masks user interrupts on the calling thread, effective immediately.</summary>
    public static void Clui() => Flag().Clui();

    /// <summary>STUI: unmasks user interrupts on the calling thread, effective at the next instruction boundary.</summary>
    public static void Stui() => Flag().Stui();

    /// <summary>TESTUI: whether user interrupts are unmasked (UIF = 1) on the calling thread.</summary>
    public static bool Testui() => Flag().Testui();

    /// <summary>
    /// Masks user interrupts until the returned scope is disposed, then restores the flag as it was
    /// (<c>using (UserInterrupts.Mask()) { ... }</c>). Allocation-free.
    /// </summary>
    public static IDisposable Mask()
    {
        var flag = Flag();
        bool wasEnabled = flag.Testui();
        flag.Clui();
        return wasEnabled ? MaskScope.Reenable : MaskScope.KeepMasked;
    }

    /// <summary>Binds the calling thread to <paramref name="platform"/> (done by the platform for its threads).</summary>
    internal static void BindCurrentThread(UintrPlatform? platform) => t_platform = platform;

    /// <summary>The platform the calling thread belongs to, or <see langword="null"/>.</summary>
    internal static UintrPlatform? CurrentPlatform => t_platform;

    private static IUserInterruptFlag Flag() => (t_platform ?? UintrPlatform.Default).CurrentThreadFlag();

    private sealed class MaskScope : IDisposable
    {
        public static readonly MaskScope Reenable = new(reenable: true);
        public static readonly MaskScope KeepMasked = new(reenable: false);
        private readonly bool _reenable;

        private MaskScope(bool reenable) => _reenable = reenable;

        public void Dispose()
        {
            if (_reenable)
            {
                Flag().Stui();
            }
        }
    }
}
