namespace Uintr.Generators.Model;

/// <summary>Everything one generated file needs: the receiver type and its handlers, highest vector first.</summary>
/// <param name="Type">Where the members go.</param>
/// <param name="Handlers">One handler per vector, highest vector first.</param>
/// <param name="NullableDirective">Whether to emit <c>#nullable enable</c>.</param>
/// <param name="HintName">The generated file's hint name, unique ignoring case (as the driver requires).</param>
/// <param name="HidesInheritedRegister">Whether <c>RegisterUserInterrupts</c> hides an inherited one and needs <c>new</c>.</param>
/// <param name="TrampolineFeatures">The <c>TrampolineFlags</c> the type's <c>[UserInterruptReceiver]</c> chose (0 without one).</param>
internal sealed record ReceiverModel(
    ReceiverTypeModel Type,
    EquatableArray<HandlerMethodModel> Handlers,
    bool NullableDirective,
    string HintName,
    bool HidesInheritedRegister,
    int TrampolineFeatures)
{
    /// <summary>Bit n set when vector n has a handler.</summary>
    public ulong VectorMask
    {
        get
        {
            ulong mask = 0;
            foreach (var handler in Handlers)
            {
                mask |= 1UL << handler.Vector;
            }

            return mask;
        }
    }
}
