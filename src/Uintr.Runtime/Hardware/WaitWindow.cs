using System;
using System.Buffers.Binary;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>
/// Closes the user-space half of the lost wake-up in blocking waits. No UINTR kernel looks at pending user interrupts
/// before it sleeps in uintr_wait (arch/x86/kernel/uintr_core.c uintr_receiver_wait, intel/uintr-linux-kernel
/// 2100ffbe; arch/x86/kernel/uintr.c uintr_receiver_wait, fed8dc12), so an interrupt delivered after the runtime read
/// the pending word and before the SYSCALL instruction would leave the thread asleep with work pending. Here the read
/// and the SYSCALL sit in one native stub (<see cref="WaitStub"/>), and every handler entry first runs
/// <see cref="BuildEntryStub"/>, which moves an interrupted RIP inside that window to the stub's abort label before
/// the generated trampoline runs, so the stub returns -EINTR instead of entering the kernel. This is the technique
/// musl uses for thread cancellation points (a cancellable syscall whose window the signal handler checks).
/// </summary>
/// <remarks>
/// The kernel's half (an interrupt that arrives after the SYSCALL instruction but before the task is on the wait
/// list with the kernel vector in its UPID) cannot be closed in user space; bounded waits limit it.
/// </remarks>
internal sealed unsafe class WaitWindow
{
    /// <summary>Where the pending word is read: the first byte of the window.</summary>
    public const int WindowStart = 0;

    /// <summary>The SYSCALL instruction: the last RIP inside the window (not yet executed).</summary>
    public const int SyscallOffset = 23;

    /// <summary>The abort label: returns -EINTR without entering the kernel.</summary>
    public const int AbortOffset = 26;

    /// <summary>The value the stub returns when it did not sleep because a vector was pending.</summary>
    public const long Aborted = -(long)Errno.EINTR;

    private static readonly Lock s_lock = new();
    private static WaitWindow? s_shared;

    private readonly ExecutablePage _page;

    private WaitWindow(ExecutablePage page) => _page = page;

    /// <summary>
    /// <c>long wait(ulong* pending, long nr, long a0, long a1, long a2, long a3)</c>, System V: if <c>*pending</c> is not
    /// zero return -EINTR, else SYSCALL <c>nr(a0, a1, a2, a3)</c> and return the kernel's raw result (-errno on failure).
    /// </summary>
    public static ReadOnlySpan<byte> WaitStub =>
    [
        0x48, 0x8B, 0x07,                          // 0:  mov rax, [rdi]       the pending word (window start)
        0x48, 0x85, 0xC0,                          // 3:  test rax, rax
        0x75, 0x12,                                // 6:  jnz abort (26)
        0x48, 0x89, 0xF0,                          // 8:  mov rax, rsi         system call number
        0x48, 0x89, 0xD7,                          // 11: mov rdi, rdx
        0x48, 0x89, 0xCE,                          // 14: mov rsi, rcx
        0x4C, 0x89, 0xC2,                          // 17: mov rdx, r8
        0x4D, 0x89, 0xCA,                          // 20: mov r10, r9
        0x0F, 0x05,                                // 23: syscall              (last RIP of the window)
        0xC3,                                      // 25: ret
        0x48, 0xC7, 0xC0, 0xFC, 0xFF, 0xFF, 0xFF,  // 26: abort: mov rax, -4 (-EINTR)
        0xC3,                                      // 33: ret
    ];

    /// <summary>The entry stub's length; the trampoline follows it at the next 16-byte boundary.</summary>
    public const int EntryStubLength = 64;

    /// <summary>
    /// The handler the kernel is given: ENDBR64 (a NOP without CET), then if the interrupted RIP (at [RSP+8] on entry)
    /// lies in [<paramref name="windowStart"/>, <paramref name="windowStart"/> + <see cref="SyscallOffset"/>] it is
    /// replaced by the abort label; RAX and RCX are restored and the generated trampoline is entered exactly as if the
    /// CPU had delivered to it. RFLAGS need no care: UIRET restores them from the frame.
    /// </summary>
    /// <param name="windowStart">The address of <see cref="WaitStub"/>.</param>
    /// <returns><see cref="EntryStubLength"/> bytes; the trampoline must follow them directly.</returns>
    public static byte[] BuildEntryStub(ulong windowStart)
    {
        var code = new byte[EntryStubLength];
        code.AsSpan().Fill(0xCC);
        int at = 0;
        void Emit(params byte[] bytes)
        {
            bytes.CopyTo(code, at);
            at += bytes.Length;
        }

        Emit(0xF3, 0x0F, 0x1E, 0xFA);                    // endbr64
        Emit(0x50);                                      // push rax
        Emit(0x51);                                      // push rcx
        Emit(0x48, 0x8B, 0x44, 0x24, 0x18);              // mov rax, [rsp+24]     interrupted RIP
        Emit(0x48, 0xB9);                                // movabs rcx, windowStart
        BinaryPrimitives.WriteUInt64LittleEndian(code.AsSpan(at), windowStart);
        at += 8;
        Emit(0x48, 0x29, 0xC8);                          // sub rax, rcx
        Emit(0x48, 0x83, 0xF8, SyscallOffset);           // cmp rax, SyscallOffset
        Emit(0x77, 0x0F);                                // ja done (unsigned: below the window wraps high)
        Emit(0x48, 0xB9);                                // movabs rcx, abort
        BinaryPrimitives.WriteUInt64LittleEndian(code.AsSpan(at), windowStart + AbortOffset);
        at += 8;
        Emit(0x48, 0x89, 0x4C, 0x24, 0x18);              // mov [rsp+24], rcx     resume at the abort label
        Emit(0x59);                                      // done: pop rcx
        Emit(0x58);                                      // pop rax
        Emit(0xE9);                                      // jmp trampoline (it follows the stub)
        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at), EntryStubLength - (at + 4));
        return code;
    }

    /// <summary>The process-wide stub page. It holds no UINTR instruction, so it can be mapped on any x86-64 Linux.</summary>
    public static WaitWindow Shared
    {
        get
        {
            lock (s_lock)
            {
                // Kept for the life of the process: handler entry stubs refer to its addresses.
                return s_shared ??= new WaitWindow(ExecutablePage.Seal(WaitStub));
            }
        }
    }

    /// <summary>The address of <see cref="WaitStub"/> (the window's first byte).</summary>
    public nint Address => _page.Address;

    /// <summary>
    /// Reads <paramref name="pendingWord"/> and, only if it is zero, makes the system call, as one unit with respect to
    /// user interrupts whose handler entered through <see cref="BuildEntryStub"/>.
    /// </summary>
    /// <returns>The kernel's raw result (-errno on failure), or <see cref="Aborted"/> when a vector was pending.</returns>
    public long Call(ulong* pendingWord, long number, long argument0 = 0, long argument1 = 0, long argument2 = 0, long argument3 = 0) =>
        ((delegate* unmanaged<ulong*, long, long, long, long, long, long>)_page.Address)(pendingWord, number, argument0, argument1, argument2, argument3);
}
