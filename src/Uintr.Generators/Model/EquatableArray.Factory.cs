using System;
using System.Collections.Generic;

namespace Uintr.Generators.Model;

/// <summary>Creates <see cref="EquatableArray{T}"/> values with type inference.</summary>
internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
