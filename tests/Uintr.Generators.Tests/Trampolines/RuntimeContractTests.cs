using System;
using System.Linq;
using Uintr.CompilerServices;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Tests.Trampolines;

/// <summary>The generator cannot reference the runtime, so its copies of the runtime enums are checked here.</summary>
public sealed class RuntimeContractTests
{
    [Fact]
    public void Trampoline_flags_mirror_the_runtime_features()
    {
        Assert.Equal(
            Enum.GetValues<TrampolineFeatures>().Select(v => (v.ToString(), (int)v)),
            Enum.GetValues<TrampolineFlags>().Select(v => (v.ToString(), (int)v)));
    }

    [Fact]
    public void Patch_site_kinds_mirror_the_runtime_patch_kinds()
    {
        Assert.Equal(
            Enum.GetValues<TrampolinePatchKind>().Select(v => (v.ToString(), (int)v)),
            Enum.GetValues<TrampolinePatchSiteKind>().Select(v => (v.ToString(), (int)v)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(15)]
    public void The_runtime_accepts_and_links_every_variant(int flagBits)
    {
        var code = TrampolineBuilder.Build((TrampolineFlags)flagBits);
        var image = new TrampolineImage(
            (TrampolineFeatures)code.Flags,
            code.Code.ToArray(),
            code.Patches.Select(p => new TrampolinePatch((TrampolinePatchKind)p.Kind, p.Offset)).ToArray());

        byte[] linked = image.Link(kind => 0x1111111111111111UL * (ulong)(kind + 1));

        foreach (var patch in code.Patches)
        {
            Assert.Equal(0x1111111111111111UL * (ulong)(patch.Kind + 1), BitConverter.ToUInt64(linked, patch.Offset));
        }

        // Linking touches the patch sites only.
        var sites = code.Patches.SelectMany(p => Enumerable.Range(p.Offset, 8)).ToHashSet();
        Assert.All(Enumerable.Range(0, linked.Length).Where(i => !sites.Contains(i)), i => Assert.Equal(code.Code[i], linked[i]));
    }
}
