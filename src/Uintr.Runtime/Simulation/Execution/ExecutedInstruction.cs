using System;

namespace Uintr.Simulation.Execution;

/// <summary>One trace entry: an executed instruction and what it cost (produced only while tracing).</summary>
/// <param name="Address">Linear address of the instruction.</param>
/// <param name="Bytes">Its encoding.</param>
/// <param name="Text">Iced-formatted text, e.g. <c>lock bts qword ptr [rcx],rax</c>.</param>
/// <param name="Cycles">Cycles charged for it.</param>
internal readonly record struct ExecutedInstruction(ulong Address, ReadOnlyMemory<byte> Bytes, string Text, long Cycles)
{
    public override string ToString() => $"{Address:X16}  {Convert.ToHexString(Bytes.Span),-30} {Text,-40} {Cycles,5} cy";
}
