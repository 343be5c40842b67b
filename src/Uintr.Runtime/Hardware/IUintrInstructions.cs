namespace Uintr.Hardware;

/// <summary>
/// The UINTR instructions the backend executes from managed code. The real implementation runs tiny
/// machine-code stubs (<see cref="UintrInstructionStubs"/>); tests substitute a recording fake.
/// </summary>
internal interface IUintrInstructions
{
    /// <summary>SENDUIPI with the UITT index.</summary>
    void SendUipi(ulong index);

    /// <summary>CLUI.</summary>
    void Clui();

    /// <summary>STUI.</summary>
    void Stui();

    /// <summary>TESTUI: the carry flag it sets (UIF).</summary>
    bool Testui();
}
