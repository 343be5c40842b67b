namespace Uintr.Simulation.Architecture;

/// <summary>The 16 general-purpose registers in their x86-64 encoding order.</summary>
internal enum Gpr
{
    Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi,
    R8, R9, R10, R11, R12, R13, R14, R15,
}
