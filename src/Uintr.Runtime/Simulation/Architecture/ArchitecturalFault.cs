using System;

namespace Uintr.Simulation.Architecture;

/// <summary>
/// A fault raised by a simulated instruction (#GP(0) or #UD), with the SDM condition that raised it.
/// The hosting layer converts it into the public <see cref="UintrFaultException"/>.
/// </summary>
internal sealed class ArchitecturalFault : Exception
{
    public ArchitecturalFault(UintrFault fault, string instruction, string reason)
        : base($"{UintrFaultException.FaultName(fault)} in {instruction}: {reason}")
    {
        Fault = fault;
        Instruction = instruction;
        Reason = reason;
    }

    public UintrFault Fault { get; }

    public string Instruction { get; }

    public string Reason { get; }

    public static ArchitecturalFault GeneralProtection(string instruction, string reason) => new(UintrFault.GeneralProtection, instruction, reason);

    public static ArchitecturalFault InvalidOpcode(string instruction, string reason) => new(UintrFault.InvalidOpcode, instruction, reason);

    public UintrFaultException ToPublic() => new(Fault, Instruction, Reason);
}
