using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// Where an owned object may go so that the current method no longer has to dispose it (after IDisposableAnalyzers):
/// a field or property of a disposable owner (or a static one), an out/ref parameter or an array element, a
/// constructor argument of a disposable type, a collection's Add, or a parameter of a source method that stores,
/// returns or disposes it.
/// </summary>
internal static class OwnershipTransfer
{
    /// <summary>Whether storing into <paramref name="target"/> hands the object to an owner.</summary>
    public static bool IsOwningStore(IOperation target, UintrSymbols symbols) => target switch
    {
        IFieldReferenceOperation field => field.Field.IsStatic || symbols.IsDisposable(field.Field.ContainingType),
        IPropertyReferenceOperation property => property.Property.IsStatic || symbols.IsDisposable(property.Property.ContainingType),
        ILocalReferenceOperation => false,
        IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } => !LocalCollections.IsDeadEnd(array.Local, default),
        _ => true,
    };

    /// <summary>Whether the parameter <paramref name="argument"/> is passed to takes ownership of it.</summary>
    public static bool IsOwningArgument(IArgumentOperation argument, UintrSymbols symbols, CancellationToken cancellationToken)
    {
        if (argument.Parameter is not { } parameter)
        {
            return false;
        }

        switch (argument.Parent)
        {
            case IObjectCreationOperation creation when symbols.IsDisposable(creation.Type):
                return true;
            case IInvocationOperation publish when IsAtomicStore(publish.TargetMethod) && parameter.Name == "value":
                // Volatile.Write(ref s_fd, value), Interlocked.Exchange(ref s_fd, value): a store into the referenced location.
                foreach (var other in publish.Arguments)
                {
                    if (other.Parameter?.RefKind == RefKind.Ref)
                    {
                        return IsOwningStore(other.Value, symbols);
                    }
                }

                return false;
            case IInvocationOperation { Instance: { } collection } invocation
                when invocation.TargetMethod.Name is "Add" or "Push" or "Enqueue" or "Insert" or "TryAdd" or "AddLast" or "AddFirst"
                    && collection.Type?.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) == true:
                return !(Flow.FlowOperations.Unwrap(collection) is ILocalReferenceOperation local && LocalCollections.IsDeadEnd(local.Local, cancellationToken));
        }

        return SourceParameterTakesOwnership(parameter, cancellationToken);
    }

    private static bool IsAtomicStore(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() is "System.Threading.Volatile" or "System.Threading.Interlocked"
        && method.Name is "Write" or "Exchange" or "CompareExchange";

    // A source method's parameter takes ownership if the body stores it, returns it, or disposes it (a syntax check: cheap and local).
    private static bool SourceParameterTakesOwnership(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            foreach (var node in declaration.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != parameter.Name)
                {
                    continue;
                }

                SyntaxNode use = identifier;
                while (use.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
                {
                    use = use.Parent;
                }

                switch (use.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Right == use:
                    case ReturnStatementSyntax:
                    case ArrowExpressionClauseSyntax when method.ReturnsVoid == false:
                    case UsingStatementSyntax:
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access when access.Expression == use:
                    case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } conditional when conditional.Expression == use:
                        return true;
                    case ArgumentSyntax { Parent.Parent: ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax }:
                    case ArgumentSyntax { Parent.Parent: ConstructorInitializerSyntax }:
                        return true;
                }
            }
        }

        return false;
    }
}
