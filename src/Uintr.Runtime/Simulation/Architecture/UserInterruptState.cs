using System.Numerics;

namespace Uintr.Simulation.Architecture;

/// <summary>
/// The per-thread UINTR architectural state (docs/uintr-reference.md section 2): the five MSRs, UIRR and UIF.
/// It is what XSAVES component 14 saves and XRSTORS loads on a context switch.
/// </summary>
internal sealed class UserInterruptState
{
    /// <summary>UIRR: user-interrupt request register, one pending bit per vector.</summary>
    public ulong Uirr { get; set; }

    /// <summary>UIF: user-interrupt flag. 0 after registration; STUI sets it.</summary>
    public bool Uif { get; set; }

    public ulong Handler { get; set; }

    public ulong StackAdjust { get; set; }

    /// <summary>UITTSZ: the highest valid UITT index.</summary>
    public uint Uittsz { get; set; }

    /// <summary>UINV: the notification vector this thread recognizes.</summary>
    public byte Uinv { get; set; }

    /// <summary>IA32_UINTR_PD: UPID address.</summary>
    public ulong UpidAddress { get; set; }

    /// <summary>IA32_UINTR_TT raw value: UITT address with bit 0 = SENDUIPI enabled.</summary>
    public ulong UittRaw { get; set; }

    public ulong UittAddress => UittRaw & ~0xFUL;

    public bool SenduipiEnabled => (UittRaw & UintrMsr.TtValid) != 0;

    public ulong Misc => Uittsz | ((ulong)Uinv << 32);

    /// <summary>UIRRV: the index of the highest set bit of UIRR (0 when UIRR is 0).</summary>
    public int Uirrv => Uirr == 0 ? 0 : 63 - BitOperations.LeadingZeroCount(Uirr);

    public UserInterruptState Clone() => (UserInterruptState)MemberwiseClone();

    /// <summary>RDMSR of a UINTR MSR.</summary>
    public ulong ReadMsr(uint msr) => msr switch
    {
        UintrMsr.Rr => Uirr,
        UintrMsr.Handler => Handler,
        UintrMsr.StackAdjust => StackAdjust,
        UintrMsr.Misc => Misc,
        UintrMsr.Pd => UpidAddress,
        UintrMsr.Tt => UittRaw,
        _ => throw ArchitecturalFault.GeneralProtection("RDMSR", $"MSR 0x{msr:X} is not a UINTR MSR"),
    };

    /// <summary>WRMSR of a UINTR MSR, with the reserved-bit and canonical checks that raise #GP(0).</summary>
    public void WriteMsr(uint msr, ulong value)
    {
        switch (msr)
        {
            case UintrMsr.Rr:
                Uirr = value;
                break;
            case UintrMsr.Handler:
                RequireCanonical(msr, value, "IA32_UINTR_HANDLER");
                Handler = value;
                break;
            case UintrMsr.StackAdjust:
                RequireCanonical(msr, value, "IA32_UINTR_STACKADJUST");
                StackAdjust = value;
                break;
            case UintrMsr.Misc:
                if ((value & UintrMsr.MiscReservedMask) != 0)
                {
                    throw ArchitecturalFault.GeneralProtection("WRMSR", $"IA32_UINTR_MISC reserved bits 63:40 set (0x{value:X16})");
                }

                Uittsz = (uint)value;
                Uinv = (byte)(value >> 32);
                break;
            case UintrMsr.Pd:
                if ((value & UintrMsr.PdReservedMask) != 0)
                {
                    throw ArchitecturalFault.GeneralProtection("WRMSR", $"IA32_UINTR_PD reserved bits 5:0 set (0x{value:X16}): the UPID must be 64-byte aligned");
                }

                RequireCanonical(msr, value, "IA32_UINTR_PD");
                UpidAddress = value;
                break;
            case UintrMsr.Tt:
                if ((value & UintrMsr.TtReservedMask) != 0)
                {
                    throw ArchitecturalFault.GeneralProtection("WRMSR", $"IA32_UINTR_TT reserved bits 3:1 set (0x{value:X16})");
                }

                RequireCanonical(msr, value & ~0xFUL, "IA32_UINTR_TT");
                UittRaw = value;
                break;
            default:
                throw ArchitecturalFault.GeneralProtection("WRMSR", $"MSR 0x{msr:X} is not a UINTR MSR");
        }
    }

    private static void RequireCanonical(uint msr, ulong value, string name)
    {
        if (!Canonical.IsCanonical(value))
        {
            throw ArchitecturalFault.GeneralProtection("WRMSR", $"{name} (0x{msr:X}) value 0x{value:X16} is not canonical");
        }
    }
}
