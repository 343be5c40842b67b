using System;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>
/// SENDUIPI, CLUI, STUI and TESTUI as leaf stubs in one sealed executable page, called through unmanaged
/// function pointers without a GC transition (they neither block nor call back). Mapped only with a
/// <see cref="UintrSyscalls"/> in hand, i.e. after the live probe confirmed UINTR, so none of these
/// instructions can run (and raise #UD) on a machine without it.
/// </summary>
internal sealed unsafe class UintrInstructionStubs : IUintrInstructions
{
    public const int SendUipiOffset = 0;
    public const int CluiOffset = 16;
    public const int StuiOffset = 32;
    public const int TestuiOffset = 48;

    private static readonly Lock s_lock = new();
    private static UintrInstructionStubs? s_shared;

    private readonly ExecutablePage _page;

    private UintrInstructionStubs(ExecutablePage page) => _page = page;

    /// <summary>The stubs, System V calling convention, each at a 16-byte boundary, INT3 in between.</summary>
    public static ReadOnlySpan<byte> Code =>
    [
        // SendUipiOffset: senduipi rdi (F3 0F C7 /6, ModRM 11 110 111); ret
        0xF3, 0x0F, 0xC7, 0xF7, 0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,
        // CluiOffset: clui; ret
        0xF3, 0x0F, 0x01, 0xEE, 0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,
        // StuiOffset: stui; ret
        0xF3, 0x0F, 0x01, 0xEF, 0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,
        // TestuiOffset: testui (CF = UIF); setc al; movzx eax, al; ret
        0xF3, 0x0F, 0x01, 0xED, 0x0F, 0x92, 0xC0, 0x0F, 0xB6, 0xC0, 0xC3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC,
    ];

    /// <summary>The process-wide stubs; <paramref name="confirmed"/> is the proof that UINTR is present.</summary>
    public static UintrInstructionStubs Shared(UintrSyscalls confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        lock (s_lock)
        {
            return s_shared ??= new UintrInstructionStubs(ExecutablePage.Seal(Code));
        }
    }

    public void SendUipi(ulong index) => ((delegate* unmanaged[SuppressGCTransition]<ulong, void>)(_page.Address + SendUipiOffset))(index);

    public void Clui() => ((delegate* unmanaged[SuppressGCTransition]<void>)(_page.Address + CluiOffset))();

    public void Stui() => ((delegate* unmanaged[SuppressGCTransition]<void>)(_page.Address + StuiOffset))();

    public bool Testui() => ((delegate* unmanaged[SuppressGCTransition]<int>)(_page.Address + TestuiOffset))() != 0;
}
