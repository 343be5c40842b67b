namespace Uintr.Simulation.Architecture;

/// <summary>RFLAGS bits the UINTR flows read or write (SDM Vol. 1, 3.4.3).</summary>
internal static class Rflags
{
    public const ulong CF = 1UL << 0;
    public const ulong PF = 1UL << 2;
    public const ulong AF = 1UL << 4;
    public const ulong ZF = 1UL << 6;
    public const ulong SF = 1UL << 7;
    public const ulong TF = 1UL << 8;
    public const ulong IF = 1UL << 9;
    public const ulong DF = 1UL << 10;
    public const ulong OF = 1UL << 11;
    public const ulong NT = 1UL << 14;
    public const ulong RF = 1UL << 16;
    public const ulong AC = 1UL << 18;
    public const ulong ID = 1UL << 21;

    /// <summary>The bits UIRET restores from the stack: CF PF AF ZF SF TF DF OF NT RF AC ID (not IF, IOPL, VM, VIF, VIP).</summary>
    public const ulong UiretMask = 0x254DD5;

    /// <summary>The arithmetic status flags.</summary>
    public const ulong Status = CF | PF | AF | ZF | SF | OF;
}
