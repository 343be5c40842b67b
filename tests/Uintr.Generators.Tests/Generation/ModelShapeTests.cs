using System;
using System.Linq;
using System.Reflection;
using Uintr.Generators.Model;

namespace Uintr.Generators.Tests.Generation;

public sealed class ModelShapeTests
{
    private static readonly Type[] s_modelTypes = typeof(HandlerModel).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(HandlerModel).Namespace && !t.IsGenericTypeDefinition && t.Name.EndsWith("Model", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Models_hold_only_strings_numbers_bools_equatable_arrays_and_other_models()
    {
        Assert.Equal(5, s_modelTypes.Length);
        foreach (var type in s_modelTypes)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var fieldType = field.FieldType;
                bool allowed = fieldType == typeof(string) || fieldType == typeof(int) || fieldType == typeof(bool)
                    || s_modelTypes.Contains(fieldType)
                    || (fieldType.IsGenericType && fieldType.GetGenericTypeDefinition() == typeof(EquatableArray<>)
                        && (fieldType.GetGenericArguments()[0] == typeof(string) || s_modelTypes.Contains(fieldType.GetGenericArguments()[0])));
                Assert.True(allowed, $"{type.Name}.{field.Name} is a {fieldType}.");
            }
        }
    }

    [Fact]
    public void Equatable_arrays_compare_by_content()
    {
        var a = new[] { "x", "y" }.ToEquatableArray();
        var b = new[] { "x", "y" }.ToEquatableArray();
        var c = new[] { "y", "x" }.ToEquatableArray();

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.Equal(default(EquatableArray<string>), Array.Empty<string>().ToEquatableArray());
        Assert.Empty(default(EquatableArray<string>));
    }
}
