using Microsoft.CodeAnalysis;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The floor of any generator built on ForAttributeWithMetadataName: it finds the same 4,000 handlers and does nothing
/// with them. Roslyn re-runs such a transform for every matched node whenever the compilation changes (it cannot know
/// the semantic model is unaffected), so this is what a keystroke costs before the real generator does any work.
/// </summary>
public sealed class AttributeOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName("Uintr.UserInterruptHandlerAttribute", static (_, _) => true, static (_, _) => 0)
            .Collect();
        context.RegisterSourceOutput(handlers, static (_, _) => { });
    }
}
