using System;

namespace Uintr;

/// <summary>
/// A UINTR instruction faulted (#GP or #UD). On hardware Linux turns these into SIGSEGV and SIGILL;
/// the runtime and the simulator surface them as this exception, naming the fault, the instruction
/// and the architectural reason.
/// </summary>
public sealed class UintrFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fault">The processor exception.</param>
    /// <param name="instruction">The faulting instruction, for example <c>SENDUIPI</c>.</param>
    /// <param name="reason">The SDM condition that raised it.</param>
    public UintrFaultException(UintrFault fault, string instruction, string reason)
        : base($"{FaultName(fault)} in {instruction}: {reason} (Linux would deliver {SignalName(fault)})")
    {
        Fault = fault;
        Instruction = instruction;
        Reason = reason;
    }

    /// <summary>The processor exception.</summary>
    public UintrFault Fault { get; }

    /// <summary>The faulting instruction mnemonic.</summary>
    public string Instruction { get; }

    /// <summary>The architectural condition that raised the fault.</summary>
    public string Reason { get; }

    /// <summary>The signal Linux delivers for this fault: SIGSEGV for #GP, SIGILL for #UD.</summary>
    public string Signal => SignalName(Fault);

    /// <summary>The SDM name of a fault: <c>#GP(0)</c> or <c>#UD</c>.</summary>
    public static string FaultName(UintrFault fault) => fault == UintrFault.GeneralProtection ? "#GP(0)" : "#UD";

    private static string SignalName(UintrFault fault) => fault == UintrFault.GeneralProtection ? "SIGSEGV" : "SIGILL";
}
