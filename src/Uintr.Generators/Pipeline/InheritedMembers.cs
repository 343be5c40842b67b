using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>
/// What the generated members could collide with in base types: an inherited member of the same name
/// would be hidden (CS0108, an error under warnings-as-errors) unless the declaration says <c>new</c>,
/// and <c>new</c> where nothing is hidden is a warning too (CS0109).
/// </summary>
internal static class InheritedMembers
{
    /// <param name="BaseTypes">Fully qualified names of the inherited-from types (receivers generated in this compilation hide nothing yet).</param>
    /// <param name="InheritsRegister">Whether an existing base member is a <c>RegisterUserInterrupts(UintrPlatform)</c> method.</param>
    public sealed record Result(EquatableArray<string> BaseTypes, bool InheritsRegister);

    /// <summary>A type that inherits only from object (or nothing, an interface without bases).</summary>
    public static readonly Result Nothing = new(EquatableArray<string>.Empty, false);

    /// <summary>The inheritance facts, or null when a base type has a visible member that only a different declaration could hide.</summary>
    public static Result? Find(INamedTypeSymbol receiver)
    {
        var bases = new List<INamedTypeSymbol>();
        if (receiver.TypeKind == TypeKind.Interface)
        {
            bases.AddRange(receiver.AllInterfaces);
        }
        else
        {
            for (var type = receiver.BaseType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                bases.Add(type);
            }
        }

        bool inheritsRegister = false;
        foreach (var type in bases)
        {
            foreach (string name in GeneratedMemberNames.All)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member.DeclaredAccessibility == Accessibility.Private)
                    {
                        continue;
                    }

                    if (name == GeneratedMemberNames.Register && IsRegisterMethod(member))
                    {
                        inheritsRegister = true;
                        continue;
                    }

                    return null;
                }
            }
        }

        var names = bases.Select(ReceiverTypeFactory.FullyQualifiedName).ToEquatableArray();
        return new Result(names, inheritsRegister);
    }

    private static bool IsRegisterMethod(ISymbol member) =>
        member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
        && method.Parameters[0].Type.ToDisplayString() == AttributeNames.UintrPlatform;
}
