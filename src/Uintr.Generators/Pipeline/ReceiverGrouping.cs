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
        var groups = new List<TypeGroup>();
        var byType = new Dictionary<ReceiverTypeModel, TypeGroup>();
        TypeGroup? last = null;
        foreach (var handler in handlers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (handler is null)
            {
                continue; // invalid: the analyzers report it
            }

            // The handlers of a type usually follow one another and share one model instance: no hashing for them.
            if (last is null || !ReferenceEquals(last.Type, handler.Receiver))
            {
                if (!byType.TryGetValue(handler.Receiver, out last))
                {
                    last = new TypeGroup(handler.Receiver);
                    byType.Add(handler.Receiver, last);
                    groups.Add(last);
                }
            }

            ulong bit = 1UL << handler.Method.Vector;
            if ((last.Vectors & bit) == 0)
            {
                last.Vectors |= bit;
                last.Handlers.Add(handler.Method);
                last.NullableDirective &= handler.NullableDirective;
            }
        }

        // A receiver deriving from another receiver hides its RegisterUserInterrupts: the names are needed only then.
        HashSet<string>? receiverNames = null;
        foreach (var group in groups)
        {
            if (group.Type.BaseTypes.Count > 0)
            {
                receiverNames = new HashSet<string>(groups.Select(static g => g.Type.FullyQualifiedName));
                break;
            }
        }

        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var receivers = new ReceiverModel[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            group.Handlers.Sort(static (a, b) => b.Vector.CompareTo(a.Vector));
            receivers[i] = new ReceiverModel(
                group.Type,
                new EquatableArray<HandlerMethodModel>(group.Handlers),
                group.NullableDirective,
                UniqueHintName(group.Type.HintName, hintNames),
                group.Type.InheritsRegister || (receiverNames is not null && group.Type.BaseTypes.Any(receiverNames.Contains)),
                group.Type.TrampolineFeatures);
        }

        return new EquatableArray<ReceiverModel>(receivers);
    }

    /// <summary>The handlers of one receiver type so far.</summary>
    private sealed class TypeGroup(ReceiverTypeModel type)
    {
        public ReceiverTypeModel Type { get; } = type;

        public List<HandlerMethodModel> Handlers { get; } = new(4);

        /// <summary>Bit n set once a handler of vector n is kept.</summary>
        public ulong Vectors { get; set; }

        public bool NullableDirective { get; set; } = true;
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
