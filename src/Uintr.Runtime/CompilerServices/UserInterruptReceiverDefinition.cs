using System;
using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>
/// What the source generator knows about one receiver type: its vectors, its trampoline and its
/// dispatch routine. Generated code creates one per receiver type; not meant to be used by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UserInterruptReceiverDefinition
{
    /// <summary>Creates the definition.</summary>
    /// <param name="receiverTypeName">The fully qualified receiver type, for traces and errors.</param>
    /// <param name="vectorMask">Bit n set when vector n has a handler.</param>
    /// <param name="trampoline">The machine code the CPU enters on delivery.</param>
    /// <param name="dispatch">Runs the managed handler of one vector; called at a safe point, highest pending vector first.</param>
    public UserInterruptReceiverDefinition(string receiverTypeName, ulong vectorMask, TrampolineImage trampoline, Action<int> dispatch)
    {
        ReceiverTypeName = receiverTypeName ?? throw new ArgumentNullException(nameof(receiverTypeName));
        if (vectorMask == 0)
        {
            throw new ArgumentException("A receiver declares at least one vector.", nameof(vectorMask));
        }

        VectorMask = vectorMask;
        Trampoline = trampoline ?? throw new ArgumentNullException(nameof(trampoline));
        Dispatch = dispatch ?? throw new ArgumentNullException(nameof(dispatch));
    }

    /// <summary>The fully qualified receiver type.</summary>
    public string ReceiverTypeName { get; }

    /// <summary>Bit n set when vector n has a handler.</summary>
    public ulong VectorMask { get; }

    /// <summary>The trampoline machine code and its patch sites.</summary>
    public TrampolineImage Trampoline { get; }

    /// <summary>Runs the managed handler of one vector.</summary>
    public Action<int> Dispatch { get; }
}
