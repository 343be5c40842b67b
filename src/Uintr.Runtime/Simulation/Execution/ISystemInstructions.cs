using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Execution;

/// <summary>
/// The instructions the interpreter does not execute itself because their semantics belong to the
/// architecture layer (UINTR) or the kernel (SYSCALL). Each returns the cycles it took.
/// A fault is reported by throwing <see cref="ArchitecturalFault"/>.
/// </summary>
internal interface ISystemInstructions
{
    /// <summary>UIRET: pops RIP, RFLAGS and RSP and sets UIF.</summary>
    long Uiret(RegisterFile registers);

    /// <summary>CLUI: UIF = 0.</summary>
    long Clui();

    /// <summary>STUI: UIF = 1 at the next boundary.</summary>
    long Stui();

    /// <summary>TESTUI: CF = UIF; ZF, AF, OF, PF, SF = 0.</summary>
    long Testui(RegisterFile registers);

    /// <summary>SENDUIPI with the UITT index in <paramref name="index"/>.</summary>
    long Senduipi(ulong index);

    /// <summary>SYSCALL: the kernel reads RAX and the argument registers, writes RAX, clobbers RCX and R11.</summary>
    long Syscall(RegisterFile registers);
}
