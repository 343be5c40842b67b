using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers;

/// <summary>The Uintr.Runtime types the rules talk about, resolved once per compilation and shared by every rule.</summary>
internal sealed class UintrSymbols
{
    /// <summary>The assembly that declares the Uintr types (the Uintr.Runtime project's assembly name).</summary>
    internal const string RuntimeAssemblyName = "Uintr.Runtime";

    // One instance per compilation for all the rules (ten compilation-start actions ask). Weak keys: nothing outlives
    // its compilation.
    private static readonly ConditionalWeakTable<Compilation, UintrSymbols> s_perCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, UintrSymbols>.CreateValueCallback s_create = compilation => new UintrSymbols(compilation);

    private UintrSymbols(Compilation compilation)
    {
        var homes = HomesOf(compilation);
        HandlerAttribute = Find(compilation, homes, "Uintr.UserInterruptHandlerAttribute");
        InterruptSafeAttribute = Find(compilation, homes, "Uintr.InterruptSafeAttribute");
        UintrFd = Find(compilation, homes, "Uintr.UintrFd");
        UintrSender = Find(compilation, homes, "Uintr.UintrSender");
        UintrReceiver = Find(compilation, homes, "Uintr.UintrReceiver");
        UintrPlatform = Find(compilation, homes, "Uintr.UintrPlatform");
        UserInterrupts = Find(compilation, homes, "Uintr.UserInterrupts");
        UintrReceiverThread = Find(compilation, homes, "Uintr.UintrReceiverThread");
        UintrSocket = Find(compilation, homes, "Uintr.UintrSocket");
        UintrInheritance = Find(compilation, homes, "Uintr.UintrInheritance");
        Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
    }

    public INamedTypeSymbol? HandlerAttribute { get; }

    public INamedTypeSymbol? InterruptSafeAttribute { get; }

    public INamedTypeSymbol? UintrFd { get; }

    public INamedTypeSymbol? UintrSender { get; }

    public INamedTypeSymbol? UintrReceiver { get; }

    public INamedTypeSymbol? UintrPlatform { get; }

    public INamedTypeSymbol? UserInterrupts { get; }

    public INamedTypeSymbol? UintrReceiverThread { get; }

    public INamedTypeSymbol? UintrSocket { get; }

    public INamedTypeSymbol? UintrInheritance { get; }

    public INamedTypeSymbol Disposable { get; }

    /// <summary>The symbols of <paramref name="compilation"/> (one instance per compilation), or null when it does not reference Uintr.Runtime.</summary>
    public static UintrSymbols? For(Compilation compilation)
    {
        var symbols = s_perCompilation.GetValue(compilation, s_create);
        return symbols.HandlerAttribute is null && symbols.UintrFd is null ? null : symbols;
    }

    // Where the types are looked for: the compilation's own assembly (it may be Uintr.Runtime itself), then the
    // referenced assemblies named Uintr.Runtime. Compilation.GetTypeByMetadataName searches every referenced assembly
    // and, to do so, loads the namespace tables of each one the compilation never looked into: about 28 million
    // instructions for the ~170 references of a net10.0 project, a fixed cost larger than the rules' own work on a
    // small project (see benchmarks/Uintr.Analyzers.Benchmarks/README.md). Null: no reference of that name (a renamed
    // runtime, say), so every reference is searched as before.
    private static List<IAssemblySymbol>? HomesOf(Compilation compilation)
    {
        List<IAssemblySymbol>? homes = null;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == RuntimeAssemblyName)
            {
                (homes ??= new List<IAssemblySymbol> { compilation.Assembly }).Add(assembly);
            }
        }

        return homes;
    }

    private static INamedTypeSymbol? Find(Compilation compilation, List<IAssemblySymbol>? homes, string metadataName)
    {
        if (homes is null)
        {
            return compilation.GetTypeByMetadataName(metadataName);
        }

        foreach (var home in homes)
        {
            if (home.GetTypeByMetadataName(metadataName) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="method"/> carries [UserInterruptHandler].</summary>
    public bool IsHandler(IMethodSymbol method) => HandlerAttributeOf(method) is not null;

    /// <summary>The [UserInterruptHandler] of <paramref name="method"/>, if any.</summary>
    public AttributeData? HandlerAttributeOf(ISymbol method)
    {
        if (HandlerAttribute is null)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, HandlerAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="symbol"/> carries [InterruptSafe].</summary>
    public bool IsMarkedInterruptSafe(ISymbol symbol)
    {
        if (InterruptSafeAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, InterruptSafeAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> implements IDisposable.</summary>
    public bool IsDisposable(ITypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type, Disposable) || type.AllInterfaces.Contains(Disposable, SymbolEqualityComparer.Default));
}
