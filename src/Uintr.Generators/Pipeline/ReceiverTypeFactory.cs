using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>Builds the receiver-type model, or null when members cannot be added to the type.</summary>
internal static class ReceiverTypeFactory
{
    public static ReceiverTypeModel? TryCreate(INamedTypeSymbol receiver, CancellationToken cancellationToken)
    {
        if (HasGeneratedMemberName(receiver) || InheritedMembers.Find(receiver) is not { } inherited)
        {
            return null;
        }

        var chain = new List<TypeDeclarationModel>();
        for (INamedTypeSymbol? type = receiver; type is not null; type = type.ContainingType)
        {
            if (TryDescribe(type, cancellationToken) is not { } declaration)
            {
                return null;
            }

            chain.Insert(0, declaration);
        }

        string @namespace = receiver.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString(SymbolFormats.Namespace)
            : string.Empty;
        string displayName = receiver.ToDisplayString(SymbolFormats.Display);
        return new ReceiverTypeModel(
            @namespace,
            chain.ToEquatableArray(),
            displayName,
            receiver.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            displayName + ".UserInterrupts.g.cs",
            inherited.BaseTypes,
            inherited.InheritsRegister);
    }

    // Re-declaring the type as partial needs every declaration to be partial; generic types would need
    // their type parameters re-declared, and file-local types cannot be extended from another file.
    private static TypeDeclarationModel? TryDescribe(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.IsGenericType || type.IsFileLocal || type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }
        }

        string? keywords = type.TypeKind switch
        {
            TypeKind.Class => type.IsRecord ? "record" : "class",
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => null,
        };

        return keywords is null ? null : new TypeDeclarationModel(type.IsRefLikeType ? "ref " : string.Empty, keywords, Identifiers.Escape(type.Name));
    }

    private static bool HasGeneratedMemberName(INamedTypeSymbol receiver)
    {
        foreach (string name in GeneratedMemberNames.All)
        {
            // A member may not share its type's name (CS0542), and the names must be free.
            if (receiver.Name == name || !receiver.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }
}
