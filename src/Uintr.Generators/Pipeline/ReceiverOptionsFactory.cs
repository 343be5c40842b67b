using Microsoft.CodeAnalysis;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Pipeline;

/// <summary>Reads the trampoline options of a receiver type's <c>[UserInterruptReceiver]</c>, on any of its partial declarations.</summary>
internal static class ReceiverOptionsFactory
{
    public static TrampolineFlags Read(INamedTypeSymbol type)
    {
        var flags = TrampolineFlags.None;
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { Name: "UserInterruptReceiverAttribute" } attributeClass
                || attributeClass.ToDisplayString() != AttributeNames.UserInterruptReceiver)
            {
                continue;
            }

            // AllowMultiple is false; with an erroneous second attribute on another part, the options combine.
            foreach (var argument in attribute.NamedArguments)
            {
                // Only a constant true turns an option on; anything else (false, an error) leaves the default.
                if (argument.Value is not { Kind: TypedConstantKind.Primitive, Value: true })
                {
                    continue;
                }

                flags |= argument.Key switch
                {
                    "CountDeliveries" => TrampolineFlags.DeliveryCounters,
                    "WakeWaiter" => TrampolineFlags.WakeWaiter,
                    "AlternateStack" => TrampolineFlags.AlternateStack,
                    "EndBranch" => TrampolineFlags.EndBranch,
                    _ => TrampolineFlags.None,
                };
            }
        }

        return flags;
    }
}
