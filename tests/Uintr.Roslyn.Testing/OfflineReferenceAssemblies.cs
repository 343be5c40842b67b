using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using TestingReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies;

namespace Uintr.Roslyn.Testing;

/// <summary>
/// Reference assemblies for the Microsoft.CodeAnalysis.Testing verifiers that never touch the network.
/// The package's presets (<c>ReferenceAssemblies.Net.Net90</c>, ...) download a targeting pack at test time,
/// which fails offline, and it has no net10.0 preset; so the tests name the framework without a package and
/// add the SDK's own reference pack plus Uintr.Runtime as metadata references.
/// </summary>
public static class OfflineReferenceAssemblies
{
    /// <summary>net10.0 with no package to resolve (the assemblies come from <see cref="References"/>).</summary>
    public static TestingReferenceAssemblies Net100 { get; } = new("net10.0");

    /// <summary>The SDK's Microsoft.NETCore.App.Ref 10.x reference assemblies and Uintr.Runtime, for <c>TestState.AdditionalReferences</c>.</summary>
    public static ImmutableArray<MetadataReference> References => ReferenceAssemblies.NetWithUintr;
}
