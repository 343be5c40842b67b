using System.Collections.Immutable;

namespace Uintr.Generators.Trampolines;

/// <summary>A built trampoline: machine code (entry at offset 0), its instructions and its patch sites.</summary>
internal sealed class TrampolineCode
{
    public TrampolineCode(TrampolineFlags flags, ImmutableArray<byte> code, ImmutableArray<TrampolineInstruction> instructions, ImmutableArray<TrampolinePatchSite> patches)
    {
        Flags = flags;
        Code = code;
        Instructions = instructions;
        Patches = patches;
    }

    public TrampolineFlags Flags { get; }

    public ImmutableArray<byte> Code { get; }

    public ImmutableArray<TrampolineInstruction> Instructions { get; }

    public ImmutableArray<TrampolinePatchSite> Patches { get; }
}
