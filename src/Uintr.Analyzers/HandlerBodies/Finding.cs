using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// One unsafe construct found in a method body: the rule, what it is (<c>Monitor.Enter</c>, <c>lock statement</c>),
/// where it is in that body, and the source methods called on the way to it (empty when it is in the body itself).
/// </summary>
internal sealed class Finding
{
    public Finding(DiagnosticDescriptor rule, string what, Location location, ImmutableArray<string> via, ITypeSymbol? thrownType = null, ConstrainedCall? constrainedCall = null)
    {
        Rule = rule;
        What = what;
        Location = location;
        Via = via;
        ThrownType = thrownType;
        ConstrainedCall = constrainedCall;
    }

    public DiagnosticDescriptor Rule { get; }

    public string What { get; }

    public Location Location { get; }

    /// <summary>The chain of source methods called from the analysed body to reach <see cref="What"/>.</summary>
    public ImmutableArray<string> Via { get; }

    /// <summary>For UINTR011: the exception type thrown (null when unknown, as for a rethrow), so a caller's catch can match it.</summary>
    public ITypeSymbol? ThrownType { get; }

    /// <summary>
    /// For a call through a type parameter (<c>a.CompareTo(b)</c> with <c>T : IComparable&lt;T&gt;</c>): what is called
    /// depends on the type argument, so the caller that knows it decides (see <see cref="InterruptSafetyWalker"/>).
    /// </summary>
    public ConstrainedCall? ConstrainedCall { get; }

    /// <summary>What makes two findings of one summary the same (a summary keeps one per key).</summary>
    public string Key => Rule.Id + "|" + (ThrownType?.ToDisplayString() ?? string.Empty) + "|" + (ConstrainedCall is { } call ? call.TypeParameter.Name + "." + call.InterfaceMethod.Name : string.Empty);

    /// <summary>The same problem seen from a caller: reported at <paramref name="callSite"/>, through <paramref name="callee"/>.</summary>
    public Finding ThroughCall(string callee, Location callSite) => new(Rule, What, callSite, Via.Insert(0, callee), ThrownType, ConstrainedCall);

    /// <summary>The same finding with the constrained call resolved to another type parameter (the caller's own).</summary>
    public Finding WithConstrainedCall(ConstrainedCall? call) => new(Rule, What, Location, Via, ThrownType, call);

    /// <summary>The text of the message: <c>What</c> for a direct problem, <c>OnWork -> Helper -> Monitor.Enter</c> for an indirect one.</summary>
    public string Describe(string handlerName) =>
        Via.IsEmpty ? What : handlerName + " -> " + string.Join(" -> ", Via) + " -> " + What;
}

/// <summary>An interface method called on a value of a type parameter (a constrained call).</summary>
internal sealed class ConstrainedCall
{
    public ConstrainedCall(ITypeParameterSymbol typeParameter, IMethodSymbol interfaceMethod)
    {
        TypeParameter = typeParameter;
        InterfaceMethod = interfaceMethod;
    }

    public ITypeParameterSymbol TypeParameter { get; }

    public IMethodSymbol InterfaceMethod { get; }
}
