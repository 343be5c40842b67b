using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Uintr.Generators.Model;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Pipeline;

/// <summary>Builds the receiver-type model, or null when members cannot be added to the type.</summary>
internal static class ReceiverTypeFactory
{
    // A type's model is a function of its symbol, and a symbol belongs to one compilation. The driver hands this step the
    // handlers of a file in source order, so the handlers of one type (four in the benchmark's project) follow one another:
    // they share the model of the last type seen in their compilation instead of computing it per handler. The table
    // holds each compilation weakly, so it never keeps an old one alive, and it has one entry per compilation: a table
    // keyed by type took a lock and a GC handle for every receiver, and a dictionary per compilation a node and the
    // symbol's hash code, which profiles of the 1,000-receiver benchmark showed to be most of this step's time.
    // Handlers of a type that do not follow one another (a partial type whose handlers are split over files) get equal
    // models, which the grouping merges by value.
    private static readonly ConditionalWeakTable<Compilation, StrongBox<LastReceiver?>> s_last = new();

    public static ReceiverTypeModel? GetOrCreate(INamedTypeSymbol receiver, Compilation compilation, CancellationToken cancellationToken)
    {
        var box = s_last.GetValue(compilation, static _ => new StrongBox<LastReceiver?>());
        if (box.Value is { } last && SymbolEqualityComparer.Default.Equals(last.Type, receiver))
        {
            return last.Model;
        }

        // One object, written at once: a generator run on another thread of the IDE sees the old pair or the new one.
        var model = TryCreate(receiver, cancellationToken);
        box.Value = new LastReceiver(receiver, model);
        return model;
    }

    /// <summary>The last receiver type of a compilation whose model was computed, with that model.</summary>
    private sealed class LastReceiver(INamedTypeSymbol type, ReceiverTypeModel? model)
    {
        public INamedTypeSymbol Type { get; } = type;

        public ReceiverTypeModel? Model { get; } = model;
    }

    public static ReceiverTypeModel? TryCreate(INamedTypeSymbol receiver, CancellationToken cancellationToken)
    {
        if (HasGeneratedMemberName(receiver))
        {
            return null;
        }

        // Outermost first: the receiver is the last element (a top-level receiver, the usual case, is the only one).
        int depth = 0;
        for (var type = receiver; type is not null; type = type.ContainingType)
        {
            depth++;
        }

        var chain = new TypeDeclarationModel[depth];
        var receiverSyntax = default(DeclarationSyntaxFacts);
        int index = depth - 1;
        for (INamedTypeSymbol? type = receiver; type is not null; type = type.ContainingType, index--)
        {
            if (TryDescribe(type, out var facts, cancellationToken) is not { } declaration)
            {
                return null;
            }

            if (index == depth - 1)
            {
                receiverSyntax = facts;
            }

            chain[index] = declaration;
        }

        // A class or interface whose declarations have no base list inherits nothing but object's members: asking the
        // symbol would bind the base types of every receiver after every edit. Structs inherit ValueType (recorded).
        var inherited = !receiverSyntax.HasBaseList && receiver.TypeKind is TypeKind.Class or TypeKind.Interface
            ? InheritedMembers.Nothing
            : InheritedMembers.Find(receiver);
        if (inherited is null)
        {
            return null;
        }

        // The names are built once here; the escaped namespace is the same string unless a part is a keyword.
        string displayNamespace = NamespaceName(receiver.ContainingNamespace, escape: false);
        string @namespace = NeedsEscaping(receiver.ContainingNamespace) ? NamespaceName(receiver.ContainingNamespace, escape: true) : displayNamespace;
        return new ReceiverTypeModel(
            @namespace,
            EquatableArray<TypeDeclarationModel>.Own(chain),
            depth == 1
                ? (displayNamespace.Length == 0 ? receiver.Name : displayNamespace + "." + receiver.Name)
                : Qualified(displayNamespace, receiver, escape: false),
            inherited.BaseTypes,
            inherited.InheritsRegister,
            // Without any attribute list on its declarations the type has no [UserInterruptReceiver]: nothing to bind.
            (int)(receiverSyntax.HasAttributes ? ReceiverOptionsFactory.Read(receiver) : TrampolineFlags.None));
    }

    private static bool NeedsEscaping(INamespaceSymbol? @namespace)
    {
        for (; @namespace is { IsGlobalNamespace: false }; @namespace = @namespace.ContainingNamespace)
        {
            if (!ReferenceEquals(Identifiers.Escape(@namespace.Name), @namespace.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>global::Demo.Outer.Doorbell</c> for a non-generic source type, spelled from the names (what
    /// <see cref="SymbolDisplayFormat.FullyQualifiedFormat"/> prints, at a fraction of its cost).
    /// </summary>
    public static string FullyQualifiedName(INamedTypeSymbol type) =>
        type.IsGenericType
            ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            : "global::" + Qualified(NamespaceName(type.ContainingNamespace, escape: true), type, escape: true);

    private static string NamespaceName(INamespaceSymbol? @namespace, bool escape)
    {
        if (@namespace is null || @namespace.IsGlobalNamespace)
        {
            return string.Empty;
        }

        string outer = NamespaceName(@namespace.ContainingNamespace, escape);
        string name = escape ? Identifiers.Escape(@namespace.Name) : @namespace.Name;
        return outer.Length == 0 ? name : outer + "." + name;
    }

    private static string Qualified(string @namespace, INamedTypeSymbol type, bool escape)
    {
        var text = new StringBuilder(@namespace);
        AppendTypes(text, type, escape);
        return text.ToString();
    }

    private static void AppendTypes(StringBuilder text, INamedTypeSymbol type, bool escape)
    {
        if (type.ContainingType is { } outer)
        {
            AppendTypes(text, outer, escape);
        }

        if (text.Length > 0)
        {
            text.Append('.');
        }

        text.Append(escape ? Identifiers.Escape(type.Name) : type.Name);
    }

    // Re-declaring the type as partial needs every declaration to be partial; generic types would need
    // their type parameters re-declared, and file-local types cannot be extended from another file. A type
    // whose name is missing (a syntax error) cannot be re-declared at all.
    private static TypeDeclarationModel? TryDescribe(INamedTypeSymbol type, out DeclarationSyntaxFacts facts, CancellationToken cancellationToken)
    {
        facts = default;
        if (type.IsGenericType || type.IsFileLocal || type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty || type.Name.Length == 0)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                || declaration.Identifier.IsMissing)
            {
                return null;
            }

            facts = new DeclarationSyntaxFacts(
                facts.HasBaseList || declaration.BaseList is not null,
                facts.HasAttributes || declaration.AttributeLists.Count > 0);
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

    /// <summary>What the declarations of a type spell, over all its parts.</summary>
    private readonly record struct DeclarationSyntaxFacts(bool HasBaseList, bool HasAttributes);

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
