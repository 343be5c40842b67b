using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// One unsafe construct found in a method body: the rule, what it is (<c>Monitor.Enter</c>, <c>lock statement</c>),
/// where it is in that body, and the source methods called on the way to it (empty when it is in the body itself).
/// </summary>
internal sealed class Finding
{
    public Finding(DiagnosticDescriptor rule, string what, Location location, ImmutableArray<string> via)
    {
        Rule = rule;
        What = what;
        Location = location;
        Via = via;
    }

    public DiagnosticDescriptor Rule { get; }

    public string What { get; }

    public Location Location { get; }

    /// <summary>The chain of source methods called from the analysed body to reach <see cref="What"/>.</summary>
    public ImmutableArray<string> Via { get; }

    /// <summary>The same problem seen from a caller: reported at <paramref name="callSite"/>, through <paramref name="callee"/>.</summary>
    public Finding ThroughCall(string callee, Location callSite) => new(Rule, What, callSite, Via.Insert(0, callee));

    /// <summary>The text of the message: <c>What</c> for a direct problem, <c>OnWork -> Helper -> Monitor.Enter</c> for an indirect one.</summary>
    public string Describe(string handlerName) =>
        Via.IsEmpty ? What : handlerName + " -> " + string.Join(" -> ", Via) + " -> " + What;
}
