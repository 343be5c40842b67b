using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers;

/// <summary>The Uintr.Runtime types the rules talk about, resolved once per compilation and shared by every rule.</summary>
internal sealed class UintrSymbols
{
    // One instance per compilation for all the rules (ten compilation-start actions ask). Looking the types up is not
    // the rules' own cost, measured: it loads the namespace tables of every referenced assembly (~28 million
    // instructions for ~170 references), which the compiler does anyway for the source's 'using Uintr;'. Weak keys:
    // nothing outlives its compilation.
    private static readonly ConditionalWeakTable<Compilation, UintrSymbols> s_perCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, UintrSymbols>.CreateValueCallback s_create = compilation => new UintrSymbols(compilation);

    private UintrSymbols(Compilation compilation)
    {
        HandlerAttribute = compilation.GetTypeByMetadataName("Uintr.UserInterruptHandlerAttribute");
        InterruptSafeAttribute = compilation.GetTypeByMetadataName("Uintr.InterruptSafeAttribute");
        UintrFd = compilation.GetTypeByMetadataName("Uintr.UintrFd");
        UintrSender = compilation.GetTypeByMetadataName("Uintr.UintrSender");
        UintrReceiver = compilation.GetTypeByMetadataName("Uintr.UintrReceiver");
        UintrPlatform = compilation.GetTypeByMetadataName("Uintr.UintrPlatform");
        UserInterrupts = compilation.GetTypeByMetadataName("Uintr.UserInterrupts");
        UintrReceiverThread = compilation.GetTypeByMetadataName("Uintr.UintrReceiverThread");
        UintrSocket = compilation.GetTypeByMetadataName("Uintr.UintrSocket");
        UintrInheritance = compilation.GetTypeByMetadataName("Uintr.UintrInheritance");
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
