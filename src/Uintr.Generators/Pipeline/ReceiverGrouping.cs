using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Uintr.Generators.Model;

namespace Uintr.Generators.Pipeline;

/// <summary>Groups the handlers of a compilation by receiver type.</summary>
internal static class ReceiverGrouping
{
    /// <summary>
    /// One receiver per type, in order of first appearance; for a vector declared twice only the first
    /// handler in source order is kept (the analyzers report the duplicate), so the switch never has
    /// duplicate case labels. Null handlers (invalid declarations) are skipped.
    /// </summary>
    public static EquatableArray<ReceiverModel> Group(ImmutableArray<HandlerModel?> handlers, CancellationToken cancellationToken)
    {
        var order = new List<ReceiverTypeModel>();
        var byType = new Dictionary<ReceiverTypeModel, List<HandlerModel>>();
        foreach (var handler in handlers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (handler is null)
            {
                continue; // invalid: the analyzers report it
            }

            if (!byType.TryGetValue(handler.Receiver, out var list))
            {
                byType.Add(handler.Receiver, list = new List<HandlerModel>());
                order.Add(handler.Receiver);
            }

            if (!list.Any(h => h.Method.Vector == handler.Method.Vector))
            {
                list.Add(handler);
            }
        }

        var receiverNames = new HashSet<string>(order.Select(t => t.FullyQualifiedName));
        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return order
            .Select(type => new ReceiverModel(
                type,
                byType[type].Select(h => h.Method).OrderByDescending(m => m.Vector).ToEquatableArray(),
                byType[type].All(h => h.NullableDirective),
                UniqueHintName(type.HintName, hintNames),
                type.InheritsRegister || type.BaseTypes.Any(receiverNames.Contains),
                type.TrampolineFeatures))
            .ToEquatableArray();
    }

    // The driver compares hint names ignoring case, so Demo.Bell and Demo.bell need distinct files.
    private static string UniqueHintName(string hintName, HashSet<string> taken)
    {
        string candidate = hintName;
        for (int i = 2; !taken.Add(candidate); i++)
        {
            candidate = hintName.Substring(0, hintName.Length - ".g.cs".Length) + "." + i.ToString(CultureInfo.InvariantCulture) + ".g.cs";
        }

        return candidate;
    }
}
