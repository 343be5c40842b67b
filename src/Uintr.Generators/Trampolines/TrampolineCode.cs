using System.Collections.Immutable;

// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

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
