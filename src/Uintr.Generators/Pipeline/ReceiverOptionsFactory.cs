using Microsoft.CodeAnalysis;
using Uintr.Generators.Model;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Pipeline;

/// <summary>Reads the trampoline options of one <c>[UserInterruptReceiver]</c> type.</summary>
internal static class ReceiverOptionsFactory
{
    public static ReceiverOptionsModel? TryCreate(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return null;
        }

        var flags = TrampolineFlags.None;
        foreach (var attribute in context.Attributes)
        {
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

        return new ReceiverOptionsModel(ReceiverTypeFactory.FullyQualifiedName(type), (int)flags);
    }
}
