using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// The generator's pipeline cut after one <see cref="PipelineStage"/>, to attribute its cost step by step.
/// <see cref="PipelineStage.AttributeOnly"/> is the floor of any generator built on ForAttributeWithMetadataName: it finds
/// the same handlers and does nothing with them; Roslyn re-runs such a transform for every matched node whenever the
/// compilation changes (it cannot know the semantic model is unaffected), so it is what a keystroke costs before the
/// real generator does any work.
/// </summary>
public sealed class StageGenerator(PipelineStage stage) : IIncrementalGenerator
{
    public PipelineStage Stage { get; } = stage;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        switch (Stage)
        {
            case PipelineStage.AttributeOnly:
                var found = context.SyntaxProvider
                    .ForAttributeWithMetadataName("Uintr.UserInterruptHandlerAttribute", static (node, _) => node is MethodDeclarationSyntax, static (_, _) => 0)
                    .Collect();
                context.RegisterSourceOutput(found, static (_, _) => { });
                break;
            case PipelineStage.HandlerModels:
                context.RegisterSourceOutput(UserInterruptHandlerGenerator.Handlers(context).Collect(), static (_, _) => { });
                break;
            case PipelineStage.ReceiverModels:
                var receivers = UserInterruptHandlerGenerator.AllReceivers(context);
                context.RegisterSourceOutput(UserInterruptHandlerGenerator.PerReceiver(receivers), static (_, _) => { });
                context.RegisterSourceOutput(UserInterruptHandlerGenerator.TrampolineVariants(receivers), static (_, _) => { });
                break;
            case PipelineStage.EmptyFiles:
                context.RegisterSourceOutput(
                    UserInterruptHandlerGenerator.PerReceiver(UserInterruptHandlerGenerator.AllReceivers(context)),
                    static (output, receiver) => output.AddSource(receiver.HintName, SourceText.From("//", Encoding.UTF8)));
                break;
            case PipelineStage.SourceText:
                var all = UserInterruptHandlerGenerator.AllReceivers(context);
                context.RegisterSourceOutput(UserInterruptHandlerGenerator.PerReceiver(all), static (_, receiver) => UserInterruptHandlerGenerator.Write(receiver));
                context.RegisterSourceOutput(UserInterruptHandlerGenerator.TrampolineVariants(all), static (_, variants) => UserInterruptHandlerGenerator.WriteTrampolines(variants));
                break;
            default:
                new UserInterruptHandlerGenerator().Initialize(context);
                break;
        }
    }
}
