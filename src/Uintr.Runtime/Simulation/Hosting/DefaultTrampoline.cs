using Uintr.CompilerServices;

namespace Uintr.Simulation.Hosting;

/// <summary>
/// The generator's default trampoline (pending bit only), for receivers the runtime builds itself: the validation
/// ping-pong and the schedule explorer. Generated receivers carry their own copy in their definition.
/// </summary>
internal static class DefaultTrampoline
{
    /// <summary>Offset of the pending-word address: the imm64 of <c>mov rcx, imm64</c>.</summary>
    public const int PendingWordPatchOffset = 9;

    private static readonly byte[] s_code =
    {
        0x50,                                   // push rax
        0x51,                                   // push rcx
        0x48, 0x8B, 0x44, 0x24, 0x10,           // mov rax,[rsp+10h]   (the vector the CPU pushed)
        0x48, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,     // mov rcx,<pending word>
        0xF0, 0x48, 0x0F, 0xAB, 0x01,           // lock bts [rcx],rax  (pending |= 1 << vector)
        0x59,                                   // pop rcx
        0x58,                                   // pop rax
        0x48, 0x83, 0xC4, 0x08,                 // add rsp,8           (drop the vector)
        0xF3, 0x0F, 0x01, 0xEC,                 // uiret
    };

    public static TrampolineImage Image { get; } =
        new(TrampolineFeatures.None, s_code, new TrampolinePatch(TrampolinePatchKind.PendingWordAddress, PendingWordPatchOffset));
}
