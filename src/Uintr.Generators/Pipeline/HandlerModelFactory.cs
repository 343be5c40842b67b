using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>
/// Turns one <c>[UserInterruptHandler]</c> method into a handler model, or null when the method or its
/// type is invalid. Invalid input is skipped silently: the analyzers report it.
/// </summary>
internal static class HandlerModelFactory
{
    public const int MaxVector = 63;

    public static HandlerModel? TryCreate(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method
            || !IsValidSignature(method)
            || TryGetVector(context) is not { } vector
            || CallWarnings.TryGet(method) is not { } warnings
            || method.ContainingType is not { } type)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ReceiverTypeFactory.TryCreate(type, cancellationToken) is not { } receiver)
        {
            return null;
        }

        bool nullableDirective = context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp8 };
        bool takesVector = method.Parameters.Length == 1;
        return new HandlerModel(receiver, new HandlerMethodModel(Identifiers.Escape(method.Name), vector, takesVector, warnings), nullableDirective);
    }

    // Static abstract/virtual interface members cannot be called through the interface (CS8926).
    private static bool IsValidSignature(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, IsStatic: true, IsAbstract: false, IsVirtual: false, IsGenericMethod: false, ReturnsVoid: true, IsAsync: false, CanBeReferencedByName: true }
        && (method.Parameters.Length == 0
            || (method.Parameters.Length == 1
                && method.Parameters[0] is { RefKind: RefKind.None, IsParams: false, Type.SpecialType: SpecialType.System_UInt64 }));

    private static int? TryGetVector(GeneratorAttributeSyntaxContext context)
    {
        foreach (var attribute in context.Attributes)
        {
            var arguments = attribute.ConstructorArguments;
            if (arguments.Length == 1
                && arguments[0] is { Kind: TypedConstantKind.Primitive, Value: int vector }
                && vector is >= 0 and <= MaxVector)
            {
                return vector;
            }
        }

        return null;
    }
}
