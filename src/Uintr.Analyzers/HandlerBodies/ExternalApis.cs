using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// What the handler-body rules know about code outside the compilation. Everything here is matched by
/// the containing type's full metadata name and the member name. The trusted ("allow") list is kept short
/// and documented in docs/rules/UINTR013.md; anything outside the compilation that is not listed, and not
/// marked [InterruptSafe], is reported by UINTR013.
/// </summary>
internal static class ExternalApis
{
    /// <summary>How a call to code outside the compilation is classified.</summary>
    internal enum Kind
    {
        /// <summary>Not known: UINTR013.</summary>
        Unknown,

        /// <summary>Trusted: lock-free, allocation-free, non-blocking, does not throw in correct use.</summary>
        Safe,

        /// <summary>Blocks the thread: UINTR010.</summary>
        Blocking,

        /// <summary>Allocates on the GC heap: UINTR012.</summary>
        Allocating,

        /// <summary>Sets UIF: UINTR014.</summary>
        ReenablesInterrupts,
    }

    /// <summary>Classifies a method (or accessor) declared outside the compilation, called at <paramref name="call"/> when known.</summary>
    public static Kind Classify(IMethodSymbol method, IInvocationOperation? call = null)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return Kind.Unknown;
        }

        string typeName = FullName(type);
        string name = MemberName(method);

        if (KnownLibraryMembers.Lookup(typeName, name) is { } known)
        {
            return known;
        }

        // A TryEnter with no timeout, or a constant zero one, tries once and never waits.
        if (name.StartsWith("TryEnter", System.StringComparison.Ordinal) && call is not null && NeverWaits(call))
        {
            return Kind.Safe;
        }

        if (typeName == "Uintr.UserInterrupts")
        {
            return name switch
            {
                "Stui" => Kind.ReenablesInterrupts,
                // Mask() returns a cached scope; its Dispose restores the flag as it was at the handler's entry.
                "Clui" or "Testui" or "Mask" => Kind.Safe,
                _ => Kind.Unknown,
            };
        }

        if (IsBlocking(method, type, typeName, name))
        {
            return Kind.Blocking;
        }

        if (IsAllocating(method, typeName, name))
        {
            return Kind.Allocating;
        }

        return IsTrusted(type, typeName, name) ? Kind.Safe : Kind.Unknown;
    }

    private static bool NeverWaits(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (parameterType is null || argument.Parameter!.RefKind != RefKind.None)
            {
                continue;
            }

            bool isTimeout = parameterType.SpecialType == SpecialType.System_Int32 && argument.Parameter.Name.IndexOf("timeout", System.StringComparison.OrdinalIgnoreCase) >= 0
                || parameterType is INamedTypeSymbol named && FullName(named) == "System.TimeSpan";
            if (!isTimeout)
            {
                continue;
            }

            var value = argument.Value;
            bool zero = value.ConstantValue is { HasValue: true, Value: 0 }
                || value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field } && FullName(field.ContainingType) == "System.TimeSpan";
            if (!zero)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name used in messages: <c>Monitor.Enter</c>, <c>Task.Result</c>.</summary>
    public static string DisplayName(IMethodSymbol method) =>
        method.MethodKind == MethodKind.DelegateInvoke
            ? method.ContainingType.Name + " delegate invocation"
            : (method.ContainingType?.Name ?? "?") + "." + MemberName(method);

    /// <summary>The method name, or the property name for an accessor.</summary>
    public static string MemberName(IMethodSymbol method) =>
        method.AssociatedSymbol is IPropertySymbol property ? property.Name : method.Name;

    private static bool IsBlocking(IMethodSymbol method, INamedTypeSymbol type, string typeName, string name)
    {
        switch (typeName)
        {
            case "System.Threading.Monitor":
                return name is "Enter" or "TryEnter" or "Wait";
            case "System.Threading.Thread":
                return name is "Sleep" or "Join";
            case "System.Threading.Tasks.Task":
            case "System.Threading.Tasks.Task`1":
            case "System.Threading.Tasks.ValueTask`1":
                return name is "Wait" or "WaitAll" or "WaitAny" or "Result" or "RunSynchronously";
            case "System.Runtime.CompilerServices.TaskAwaiter":
            case "System.Runtime.CompilerServices.TaskAwaiter`1":
            case "System.Runtime.CompilerServices.ValueTaskAwaiter`1":
            case "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter":
            case "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter":
                return name == "GetResult";
            case "System.Threading.SemaphoreSlim":
            case "System.Threading.ManualResetEventSlim":
            case "System.Threading.CountdownEvent":
                return name == "Wait";
            case "System.Threading.Barrier":
                return name == "SignalAndWait";
            case "System.Threading.SpinLock":
            case "System.Threading.Lock":
                return name is "Enter" or "TryEnter" or "EnterScope";
            case "System.Threading.ReaderWriterLockSlim":
                return name.StartsWith("Enter", System.StringComparison.Ordinal) || name.StartsWith("TryEnter", System.StringComparison.Ordinal);
            case "System.Threading.SpinWait":
                return name == "SpinUntil";
            case "System.Console":
                return true;
            case "System.Diagnostics.Process":
                return name == "WaitForExit";
            case "Uintr.UintrReceiver":
                return name is "Poll" or "Wait";
            case "Uintr.UintrPlatform":
                return name == "SpinUntil";
            case "Uintr.UintrThread":
                return name == "Join";
        }

        if (InheritsFrom(type, "System.Threading.WaitHandle"))
        {
            return name is "WaitOne" or "WaitAll" or "WaitAny" or "SignalAndWait";
        }

        // Synchronous I/O: file system entry points and every non-async member of streams, readers, writers and sockets.
        bool synchronous = !name.EndsWith("Async", System.StringComparison.Ordinal);
        if (typeName is "System.IO.File" or "System.IO.Directory" || InheritsFrom(type, "System.IO.FileSystemInfo"))
        {
            return synchronous;
        }

        if (InheritsFrom(type, "System.IO.Stream") || InheritsFrom(type, "System.IO.TextReader") || InheritsFrom(type, "System.IO.TextWriter")
            || InheritsFrom(type, "System.IO.BinaryReader") || InheritsFrom(type, "System.IO.BinaryWriter") || typeName == "System.Net.Sockets.Socket")
        {
            return synchronous && method.MethodKind == MethodKind.Ordinary && (name.StartsWith("Read", System.StringComparison.Ordinal) || name.StartsWith("Write", System.StringComparison.Ordinal)
                || name is "Flush" or "CopyTo" or "Send" or "Receive" or "Connect" or "Accept" or "SendTo" or "ReceiveFrom");
        }

        return false;
    }

    private static bool IsAllocating(IMethodSymbol method, string typeName, string name)
    {
        if (typeName is "System.Linq.Enumerable" or "System.Linq.Queryable")
        {
            return true;
        }

        if (name == "ToString" && method.Parameters.Length <= 2 && method.ReturnType.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        if (typeName == "System.String")
        {
            return name is "Concat" or "Format" or "Join" or "Split" or "Substring" or "Replace" or "ToUpper" or "ToLower"
                or "ToUpperInvariant" or "ToLowerInvariant" or "Trim" or "TrimStart" or "TrimEnd" or "PadLeft" or "PadRight"
                or "Insert" or "Remove" or "Create" or "ToCharArray";
        }

        return name == "ToArray" && method.ReturnType is IArrayTypeSymbol;
    }

    private static bool IsTrusted(INamedTypeSymbol type, string typeName, string name)
    {
        switch (typeName)
        {
            // Lock-free primitives and pure arithmetic.
            case "System.Threading.Interlocked":
            case "System.Threading.Volatile":
            case "System.Math":
            case "System.MathF":
            case "System.Numerics.BitOperations":
            case "System.Buffers.Binary.BinaryPrimitives":
            case "System.Runtime.CompilerServices.Unsafe":
                return true;

            // Spans over unmanaged data: indexing, slicing and copying touch only the memory they describe.
            case "System.Span`1":
            case "System.ReadOnlySpan`1":
                return type.TypeArguments.Length == 1 && type.TypeArguments[0].IsUnmanagedType;

            case "System.Nullable`1":
                return name is "HasValue" or "GetValueOrDefault";

            case "System.Object":
                return name is "ReferenceEquals";

            case "System.Array":
                return name is "Length" or "LongLength" or "Rank";

            case "System.Diagnostics.Stopwatch":
                return name is "GetTimestamp" or "Frequency";

            case "System.String":
                return name is "Length" or "Chars" or "Equals" or "op_Equality" or "op_Inequality" or "IsNullOrEmpty" or "CompareOrdinal";

            // The Uintr sender API and the handler-side queries: SENDUIPI and plain reads.
            case "Uintr.UintrSender":
                return name is "Send" or "Index";
            case "Uintr.UintrFd":
                return name is "Vector" or "Number" or "IsDisposed";
            case "Uintr.UintrPlatform":
                return name is "GetTimestamp" or "TimestampFrequency";
            case "Uintr.UintrReceiver":
                return name is "Vectors";
        }

        // Members of the primitive types (comparison, bit tricks, min/max) other than formatting and parsing.
        if (IsPrimitive(type.SpecialType))
        {
            return !name.Contains("Parse") && !name.Contains("Format") && name != "ToString";
        }

        return false;
    }

    private static bool IsPrimitive(SpecialType type) => type is SpecialType.System_Boolean or SpecialType.System_Char
        or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool InheritsFrom(INamedTypeSymbol type, string fullName)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (FullName(current) == fullName)
            {
                return true;
            }
        }

        return false;
    }

    // Per type definition (the symbols of one compilation): every call a handler makes asks for its type's name.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, string> s_fullNames = new();
    private static readonly ConditionalWeakTable<INamedTypeSymbol, string>.CreateValueCallback s_computeFullName = ComputeFullName;

    /// <summary>Namespace-qualified metadata name, nested types joined with '+'.</summary>
    public static string FullName(INamedTypeSymbol type) => s_fullNames.GetValue(type.OriginalDefinition, s_computeFullName);

    private static string ComputeFullName(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        string name = definition.MetadataName;
        if (definition.ContainingType is { } outer)
        {
            return FullName(outer) + "+" + name;
        }

        return definition.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
