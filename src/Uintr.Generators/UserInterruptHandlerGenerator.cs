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
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The shared trampoline class is [Embedded]: invisible to other assemblies, whose receivers have their own.
        context.RegisterPostInitializationOutput(static output => output.AddEmbeddedAttributeDefinition());
        var receivers = AllReceivers(context);
        context.RegisterSourceOutput(PerReceiver(receivers), static (spc, receiver) => Emit(spc, receiver));
        context.RegisterSourceOutput(TrampolineVariants(receivers), static (spc, variants) => EmitTrampolines(spc, variants));
    }

    /// <summary>The pipeline up to the receiver models of the compilation (the benchmarks time its stages separately).</summary>
    internal static IncrementalValueProvider<EquatableArray<ReceiverModel>> AllReceivers(IncrementalGeneratorInitializationContext context)
    {
        // Invalid handlers stay in the per-method output as null: a Where/Select pair to drop them would add two
        // more per-method node tables that every keystroke walks; the grouping skips them instead.
        return Handlers(context)
            .Collect()
            .WithTrackingName(StepNames.AllHandlers)
            .Select(static (handlers, ct) => ReceiverGrouping.Group(handlers, ct))
            .WithTrackingName(StepNames.Receivers);
    }

    /// <summary>One receiver model per generated file.</summary>
    internal static IncrementalValuesProvider<ReceiverModel> PerReceiver(IncrementalValueProvider<EquatableArray<ReceiverModel>> receivers) =>
        receivers
            .SelectMany(static (receivers, _) => receivers.AsImmutableArray())
            .WithTrackingName(StepNames.Receiver);

    /// <summary>The trampoline variants the receivers use, one bit each: the shared file changes only when this set does.</summary>
    internal static IncrementalValueProvider<int> TrampolineVariants(IncrementalValueProvider<EquatableArray<ReceiverModel>> receivers) =>
        receivers
            .Select(static (receivers, _) =>
            {
                int variants = 0;
                foreach (var receiver in receivers)
                {
                    variants |= TrampolineWriter.VariantBit(receiver.TrampolineFeatures);
                }

                return variants;
            })
            .WithTrackingName(StepNames.TrampolineVariants);

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

    /// <summary>The shared trampoline file, for the variants in <paramref name="variants"/>.</summary>
    internal static string WriteTrampolines(int variants) => TrampolineWriter.Write(variants);

    private static void Emit(SourceProductionContext context, ReceiverModel receiver) =>
        context.AddSource(receiver.HintName, SourceText.From(Write(receiver), Encoding.UTF8));

    private static void EmitTrampolines(SourceProductionContext context, int variants)
    {
        if (variants != 0)
        {
            context.AddSource(TrampolineWriter.HintName, SourceText.From(WriteTrampolines(variants), Encoding.UTF8));
        }
    }
}
