using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using System.Text;
using Uintr.Generators.Emit;
using Uintr.Generators.Model;
using Uintr.Generators.Pipeline;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators;

/// <summary>
/// Generates, for each partial type with <c>[UserInterruptHandler]</c> methods, the
/// <c>RegisterUserInterrupts(UintrPlatform)</c> method, the receiver definition with its UIRET
/// trampoline, and the dispatch routine that calls the handlers at safe points.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class UserInterruptHandlerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.UserInterruptHandler,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => HandlerModelFactory.TryCreate(ctx, ct))
            .WithTrackingName(StepNames.Handlers)
            .Where(static handler => handler is not null)
            .Select(static (handler, _) => handler!)
            .WithTrackingName(StepNames.ValidHandlers);

        // A separate provider, so an attribute on another partial declaration of the type is seen as well.
        var options = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.UserInterruptReceiver,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, _) => ReceiverOptionsFactory.TryCreate(ctx))
            .WithTrackingName(StepNames.ReceiverOptions)
            .Where(static option => option is not null)
            .Select(static (option, _) => option!)
            .Collect()
            .WithTrackingName(StepNames.AllReceiverOptions);

        var receivers = handlers
            .Collect()
            .WithTrackingName(StepNames.AllHandlers)
            .Combine(options)
            .Select(static (input, ct) => ReceiverGrouping.Group(input.Left, input.Right, ct))
            .WithTrackingName(StepNames.Receivers)
            .SelectMany(static (receivers, _) => receivers.AsImmutableArray())
            .WithTrackingName(StepNames.Receiver);

        context.RegisterSourceOutput(receivers, static (spc, receiver) => Emit(spc, receiver));
    }

    private static void Emit(SourceProductionContext context, ReceiverModel receiver)
    {
        var trampoline = TrampolineBuilder.Build((TrampolineFlags)receiver.TrampolineFeatures);
        string source = ReceiverSourceWriter.Write(receiver, trampoline);
        context.AddSource(receiver.HintName, SourceText.From(source, Encoding.UTF8));
    }
}
