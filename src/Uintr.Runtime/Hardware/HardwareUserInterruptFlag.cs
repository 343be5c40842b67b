namespace Uintr.Hardware;

/// <summary>The calling thread's real UIF: CLUI, STUI and TESTUI execute on the CPU.</summary>
internal sealed class HardwareUserInterruptFlag(IUintrInstructions instructions) : IUserInterruptFlag
{
    public void Clui() => instructions.Clui();

    public void Stui() => instructions.Stui();

    public bool Testui() => instructions.Testui();
}
