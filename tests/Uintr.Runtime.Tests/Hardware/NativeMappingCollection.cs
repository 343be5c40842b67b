namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// Tests that map and unmap native pages run one at a time: mmap hands a just-unmapped address to the next mapping, so a
/// test that checks an address is gone after Dispose must not race another test's mapping.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NativeMappingCollection
{
    public const string Name = "Native page mappings";
}
