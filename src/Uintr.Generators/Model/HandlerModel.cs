namespace Uintr.Generators.Model;

/// <summary>The output of the per-method step: one valid handler and the receiver type it belongs to.</summary>
/// <param name="Receiver">The containing (receiver) type.</param>
/// <param name="Method">The handler.</param>
/// <param name="NullableDirective">Whether the language version knows <c>#nullable</c> (C# 8+).</param>
internal sealed record HandlerModel(ReceiverTypeModel Receiver, HandlerMethodModel Method, bool NullableDirective);
