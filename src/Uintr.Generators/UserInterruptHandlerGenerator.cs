using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using System.Text;
using Uintr.Generators.Emit;
using Uintr.Generators.Model;
using Uintr.Generators.Pipeline;

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
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(Receivers(context), static (spc, receiver) => Emit(spc, receiver));

    /// <summary>The pipeline up to the per-receiver models (the benchmarks time its stages separately).</summary>
    internal static IncrementalValuesProvider<ReceiverModel> Receivers(IncrementalGeneratorInitializationContext context)
    {
        // Invalid handlers stay in the per-method output as null: a Where/Select pair to drop them would add two
        // more per-method node tables that every keystroke walks; the grouping skips them instead.
        return Handlers(context)
            .Collect()
            .WithTrackingName(StepNames.AllHandlers)
            .Select(static (handlers, ct) => ReceiverGrouping.Group(handlers, ct))
            .WithTrackingName(StepNames.Receivers)
            .SelectMany(static (receivers, _) => receivers.AsImmutableArray())
            .WithTrackingName(StepNames.Receiver);
    }

    /// <summary>The per-method step: a handler model, or null when the method or its type is not valid.</summary>
    internal static IncrementalValuesProvider<HandlerModel?> Handlers(IncrementalGeneratorInitializationContext context) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.UserInterruptHandler,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => HandlerModelFactory.TryCreate(ctx, ct))
            .WithTrackingName(StepNames.Handlers);

    /// <summary>The generated file of one receiver.</summary>
    internal static string Write(ReceiverModel receiver) => ReceiverSourceWriter.Write(receiver);

    private static void Emit(SourceProductionContext context, ReceiverModel receiver) =>
        context.AddSource(receiver.HintName, SourceText.From(Write(receiver), Encoding.UTF8));
}
