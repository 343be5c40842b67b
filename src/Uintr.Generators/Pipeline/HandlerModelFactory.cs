using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>
/// Turns one <c>[UserInterruptHandler]</c> method into a handler model, or null when the method or its
/// type is invalid. Invalid input is skipped silently: the analyzers report it.
/// </summary>
/// <remarks>
/// This runs for every handler of the compilation after every edit anywhere (Roslyn cannot tell that a method's
/// symbol is unaffected), so it does the least it can: checks on the symbol it is given, and the receiver type's
/// model from <see cref="ReceiverTypeFactory"/>, computed once for the consecutive handlers of a type.
/// </remarks>
internal static class HandlerModelFactory
{
    public const int MaxVector = 63;

    public static HandlerModel? TryCreate(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method
            || !IsValidSignature(method, (MethodDeclarationSyntax)context.TargetNode)
            || TryGetVector(context) is not { } vector
            || CallWarnings.TryGet(method) is not { } warnings
            || method.ContainingType is not { } type
            || IsAmbiguous(method, type))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ReceiverTypeFactory.GetOrCreate(type, context.SemanticModel.Compilation, cancellationToken) is not { } receiver)
        {
            return null;
        }

        bool nullableDirective = context.TargetNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp8 };
        // The syntax predicate only lets method declarations through; counting their parameters binds nothing.
        bool takesVector = ((MethodDeclarationSyntax)context.TargetNode).ParameterList.Parameters.Count == 1;
        return new HandlerModel(receiver, new HandlerMethodModel(Identifiers.Escape(method.Name), vector, takesVector, warnings), nullableDirective);
    }

    // Static abstract/virtual interface members cannot be called through the interface (CS8926).
    private static bool IsValidSignature(IMethodSymbol method, MethodDeclarationSyntax syntax) =>
        method is { MethodKind: MethodKind.Ordinary, IsStatic: true, IsAbstract: false, IsVirtual: false, IsGenericMethod: false, IsAsync: false, CanBeReferencedByName: true }
        && (IsValidBySyntax(syntax) || IsValidByBinding(method));

    // The usual spelling, `void` and no parameter or one `ulong` parameter without modifiers, answers from the syntax
    // alone: the keywords always name System.Void and System.UInt64. Asking the symbol instead binds the signature of
    // every handler of the compilation again after every edit (a new compilation has new symbols); the floor
    // (ForAttributeWithMetadataName itself) never does. Any other spelling (UInt64, an alias, a modifier) is bound.
    private static bool IsValidBySyntax(MethodDeclarationSyntax syntax) =>
        syntax is { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }, ParameterList.Parameters: var parameters }
        && (parameters.Count == 0
            || (parameters.Count == 1
                && parameters[0] is { Modifiers.Count: 0, Type: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ULongKeyword } }));

    private static bool IsValidByBinding(IMethodSymbol method) =>
        method.ReturnsVoid
        && (method.Parameters.Length == 0
            || (method.Parameters.Length == 1
                && method.Parameters[0] is { RefKind: RefKind.None, IsParams: false, Type.SpecialType: SpecialType.System_UInt64 }));

    // A second member with the handler's name and parameter count (a duplicate definition, CS0111/CS0102, or a field
    // of that name) would make the dispatch call ambiguous: the generated file would report the user's error again.
    private static bool IsAmbiguous(IMethodSymbol method, INamedTypeSymbol type)
    {
        var members = type.GetMembers(method.Name);
        if (members.Length == 1)
        {
            return false;
        }

        foreach (var member in members)
        {
            if (!SymbolEqualityComparer.Default.Equals(member, method)
                && (member is not IMethodSymbol other || other.Parameters.Length == method.Parameters.Length))
            {
                return true;
            }
        }

        return false;
    }

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
