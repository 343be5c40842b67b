namespace Uintr;

/// <summary>The processor exceptions the UINTR instructions raise.</summary>
public enum UintrFault
{
    /// <summary>#GP(0), general protection: Linux delivers SIGSEGV.</summary>
    GeneralProtection,
    /// <summary>#UD, invalid opcode: Linux delivers SIGILL.</summary>
    InvalidOpcode,
}
