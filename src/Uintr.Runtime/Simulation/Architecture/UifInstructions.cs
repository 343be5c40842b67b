namespace Uintr.Simulation.Architecture;

/// <summary>CLUI, STUI and TESTUI (SDM instruction pages; docs/uintr-reference.md section 7). They raise only #UD.</summary>
internal static class UifInstructions
{
    /// <summary>CLUI: UIF = 0, effective immediately.</summary>
    public static void Clui(LogicalProcessor cpu)
    {
        Senduipi.RequireEnabled(cpu, "CLUI");
        cpu.State.Uif = false;
    }

    /// <summary>STUI: UIF = 1. Unlike STI there is no shadow: a pending interrupt is delivered at the very next boundary.</summary>
    public static void Stui(LogicalProcessor cpu)
    {
        Senduipi.RequireEnabled(cpu, "STUI");
        cpu.State.Uif = true;
    }

    /// <summary>TESTUI: CF = UIF; ZF, AF, OF, PF and SF are cleared.</summary>
    public static bool Testui(LogicalProcessor cpu)
    {
        Senduipi.RequireEnabled(cpu, "TESTUI");
        bool uif = cpu.State.Uif;
        var regs = cpu.Registers;
        regs.Rflags = (regs.Rflags & ~Rflags.Status) | (uif ? Rflags.CF : 0);
        return uif;
    }
}
