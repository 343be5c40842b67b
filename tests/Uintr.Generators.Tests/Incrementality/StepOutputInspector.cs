using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Uintr.Generators.Tests.Incrementality;

/// <summary>
/// Walks the object graphs of tracked step outputs looking for Roslyn objects that must not be
/// cached in a pipeline (they root compilations and defeat incrementality).
/// </summary>
internal static class StepOutputInspector
{
    private static readonly Type[] s_forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };

    /// <summary>Describes every forbidden object reachable from the outputs of <paramref name="stepNames"/> (empty when clean).</summary>
    public static IReadOnlyList<string> FindForbiddenObjects(TrackedRun run, IEnumerable<string> stepNames)
    {
        var problems = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string step in stepNames)
        {
            foreach (var output in StepAssert.Steps(run, step).SelectMany(s => s.Outputs))
            {
                Visit(output.Value, $"{step}", seen, problems);
            }
        }

        return problems;
    }

    private static void Visit(object? value, string path, HashSet<object> seen, List<string> problems)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is Type)
        {
            return;
        }

        var type = value.GetType();
        if (s_forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            problems.Add($"{path}: {type.FullName}");
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        // Arrays are walked element by element; every other object through its fields (which covers
        // collections too, down to their backing arrays).
        if (value is Array array)
        {
            int i = 0;
            foreach (object? item in array)
            {
                Visit(item, $"{path}[{i++}]", seen, problems);
            }

            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Visit(field.GetValue(value), $"{path}.{field.Name}", seen, problems);
            }
        }
    }
}
