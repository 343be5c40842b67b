using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Uintr.Roslyn.Testing;

/// <summary>
/// Metadata references for test compilations: the net10.0 reference assemblies from the SDK's packs
/// folder (what a real build compiles against) plus Uintr.Runtime.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net = new(LoadNet);
    private static readonly Lazy<MetadataReference> s_uintrRuntime = new(() => MetadataReference.CreateFromFile(typeof(UintrPlatform).Assembly.Location));

    /// <summary>The reference assemblies of Microsoft.NETCore.App 10.x.</summary>
    public static ImmutableArray<MetadataReference> Net => s_net.Value;

    /// <summary>Uintr.Runtime.dll as built for these tests.</summary>
    public static MetadataReference UintrRuntime => s_uintrRuntime.Value;

    /// <summary><see cref="Net"/> plus <see cref="UintrRuntime"/>.</summary>
    public static ImmutableArray<MetadataReference> NetWithUintr => Net.Add(UintrRuntime);

    /// <summary>The folder that holds the reference assemblies.</summary>
    public static string NetReferenceDirectory
    {
        get
        {
            // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> the dotnet root.
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
            string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            string version = Directory.GetDirectories(packs)
                .Select(Path.GetFileName)
                .Where(name => name!.StartsWith("10.", StringComparison.Ordinal))
                .OrderByDescending(name => Version.TryParse(name!.Split('-')[0], out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"No Microsoft.NETCore.App.Ref 10.x pack under {packs}.");
            return Path.Combine(packs, version, "ref", "net10.0");
        }
    }

    private static ImmutableArray<MetadataReference> LoadNet() =>
        Directory.GetFiles(NetReferenceDirectory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
}
