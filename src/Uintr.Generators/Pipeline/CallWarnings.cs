using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>
/// Whether generated code can call a handler, and which warnings the call raises: the handler's own
/// code compiles, but a call to an obsolete or experimental member warns (an error under
/// warnings-as-errors), and some members cannot be called from managed code at all.
/// </summary>
internal static class CallWarnings
{
    private static readonly string[] s_obsolete = { "CS0612", "CS0618" };

    /// <summary>The warning ids to silence around the call, or null when the call cannot compile.</summary>
    public static EquatableArray<string>? TryGet(IMethodSymbol method)
    {
        var attributes = method.GetAttributes();
        if (attributes.Length == 1)
        {
            // Only [UserInterruptHandler] itself: the common case, answered without allocating.
            return EquatableArray<string>.Empty;
        }

        var warnings = new List<string>();
        foreach (var attribute in attributes)
        {
            // Every handler carries [UserInterruptHandler]; the simple name rules it out without formatting the full name.
            if (attribute.AttributeClass is not { Name: "UnmanagedCallersOnlyAttribute" or "ObsoleteAttribute" or "ExperimentalAttribute" } attributeClass)
            {
                continue;
            }

            switch (attributeClass.ToDisplayString())
            {
                case AttributeNames.UnmanagedCallersOnly:
                    return null; // CS8902
                case AttributeNames.Obsolete:
                    if (attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is true)
                    {
                        return null; // CS0619
                    }

                    if (!TryAddCustomId(attribute, warnings, out bool hasCustomId))
                    {
                        return null;
                    }

                    if (!hasCustomId)
                    {
                        warnings.AddRange(s_obsolete);
                    }

                    break;
                case AttributeNames.Experimental:
                    if (attribute.ConstructorArguments.Length != 1
                        || attribute.ConstructorArguments[0].Value is not string id
                        || !IsPragmaId(id))
                    {
                        return null;
                    }

                    warnings.Add(id);
                    break;
            }
        }

        return warnings.Distinct().ToEquatableArray();
    }

    // [Obsolete(DiagnosticId = "X")] reports X instead of CS0612/CS0618.
    private static bool TryAddCustomId(AttributeData attribute, List<string> warnings, out bool hasCustomId)
    {
        hasCustomId = false;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "DiagnosticId" && argument.Value.Value is string id)
            {
                hasCustomId = true;
                if (!IsPragmaId(id))
                {
                    return false;
                }

                warnings.Add(id);
            }
        }

        return true;
    }

    // An id '#pragma warning disable' accepts: an identifier or a number.
    private static bool IsPragmaId(string id) =>
        id.Length > 0 && (SyntaxFacts.IsValidIdentifier(id) || id.All(char.IsDigit));
}
