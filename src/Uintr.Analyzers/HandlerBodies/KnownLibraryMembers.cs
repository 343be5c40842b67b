using System.Collections.Generic;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// Individual library members whose behaviour the type-level rules of <see cref="ExternalApis"/> do not capture,
/// each with the reason it is classified so. Keyed by the containing type's metadata name and the member name
/// (the property name for accessors). docs/rules/UINTR013.md lists them.
/// </summary>
internal static class KnownLibraryMembers
{
    private static readonly Dictionary<string, (ExternalApis.Kind Kind, string Reason)> s_members = new()
    {
        ["System.GC.KeepAlive"] = (ExternalApis.Kind.Safe, "an empty method that only extends a reference's lifetime for the JIT"),
        ["System.Collections.Generic.Dictionary`2.TryGetValue"] = (ExternalApis.Kind.Safe, "a lookup: reads the table, takes no lock and allocates nothing"),
        ["System.Collections.Generic.Dictionary`2.ContainsKey"] = (ExternalApis.Kind.Safe, "a lookup: reads the table, takes no lock and allocates nothing"),
        ["System.Collections.Generic.Dictionary`2.Count"] = (ExternalApis.Kind.Safe, "reads a field"),
        ["System.Collections.Generic.List`1.Count"] = (ExternalApis.Kind.Safe, "reads a field"),
        ["System.Collections.Generic.List`1.Capacity"] = (ExternalApis.Kind.Safe, "reads the array's length (the getter)"),
        ["System.Collections.Generic.Queue`1.Count"] = (ExternalApis.Kind.Safe, "reads a field"),
        ["System.MemoryExtensions.AsSpan"] = (ExternalApis.Kind.Safe, "wraps memory that already exists in a span"),
        ["System.Buffers.ArrayPool`1.Shared"] = (ExternalApis.Kind.Safe, "reads the static shared pool (created once, by the type initializer)"),
        ["System.Threading.Monitor.Exit"] = (ExternalApis.Kind.Safe, "releases a lock the thread holds; never waits"),
        ["System.Threading.Monitor.IsEntered"] = (ExternalApis.Kind.Safe, "reads the lock's state"),
        ["System.Threading.SpinLock.Exit"] = (ExternalApis.Kind.Safe, "releases a lock the thread holds; never waits"),
        ["System.Threading.SpinLock.IsHeld"] = (ExternalApis.Kind.Safe, "reads the lock's state"),
        ["System.Threading.SpinLock.IsHeldByCurrentThread"] = (ExternalApis.Kind.Safe, "reads the lock's state"),
        ["System.Threading.Lock.Exit"] = (ExternalApis.Kind.Safe, "releases a lock the thread holds; never waits"),
        ["System.Environment.TickCount"] = (ExternalApis.Kind.Safe, "reads the monotonic clock (clock_gettime through the vDSO)"),
        ["System.Environment.TickCount64"] = (ExternalApis.Kind.Safe, "reads the monotonic clock (clock_gettime through the vDSO)"),
        ["System.Threading.Thread.SpinWait"] = (ExternalApis.Kind.Safe, "a bounded busy loop of pause instructions; no lock, no system call"),
        ["System.Threading.Lock.IsHeldByCurrentThread"] = (ExternalApis.Kind.Safe, "reads the lock's state"),
    };

    /// <summary>The classification of <c>type.member</c>, or null when the member has no entry.</summary>
    public static ExternalApis.Kind? Lookup(string typeName, string memberName) =>
        s_members.TryGetValue(typeName + "." + memberName, out var entry) ? entry.Kind : null;

    /// <summary>Every entry with its reason (for the documentation test).</summary>
    public static IEnumerable<KeyValuePair<string, (ExternalApis.Kind Kind, string Reason)>> All => s_members;
}
