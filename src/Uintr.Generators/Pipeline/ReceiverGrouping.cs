using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// duplicate case labels.
    /// </summary>
    public static EquatableArray<ReceiverModel> Group(ImmutableArray<HandlerModel> handlers, CancellationToken cancellationToken)
    {
        var order = new List<ReceiverTypeModel>();
        var byType = new Dictionary<ReceiverTypeModel, List<HandlerModel>>();
        foreach (var handler in handlers)
        {
            cancellationToken.ThrowIfCancellationRequested();
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

        return order
            .Select(type => new ReceiverModel(
                type,
                byType[type].Select(h => h.Method).OrderByDescending(m => m.Vector).ToEquatableArray(),
                byType[type].All(h => h.NullableDirective)))
            .ToEquatableArray();
    }
}
