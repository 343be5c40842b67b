using System;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Ownership;

/// <summary>"<see cref="Variable"/> holds the undisposed object created by <see cref="Creation"/>" (a local or a flow capture).</summary>
internal readonly struct OwnedValue : IEquatable<OwnedValue>
{
    public OwnedValue(object variable, IInvocationOperation creation)
    {
        Variable = variable;
        Creation = creation;
    }

    public object Variable { get; }

    public IInvocationOperation Creation { get; }

    public bool Equals(OwnedValue other) => Variable.Equals(other.Variable) && ReferenceEquals(Creation, other.Creation);

    public override bool Equals(object? obj) => obj is OwnedValue other && Equals(other);

    public override int GetHashCode() => (Variable.GetHashCode() * 397) ^ System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Creation);
}
