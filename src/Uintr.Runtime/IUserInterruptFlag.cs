namespace Uintr;

/// <summary>The user-interrupt flag (UIF) of one thread: the target of CLUI, STUI and TESTUI.</summary>
internal interface IUserInterruptFlag
{
    /// <summary>CLUI: UIF = 0, effective immediately.</summary>
    void Clui();

    /// <summary>STUI: UIF = 1, effective at the next instruction boundary.</summary>
    void Stui();

    /// <summary>TESTUI: returns UIF (the instruction copies it to CF).</summary>
    bool Testui();
}
