using System.Collections.Generic;

namespace Uintr.Generators.Trampolines;

/// <summary>
/// Builds the machine code the CPU enters on user-interrupt delivery ([RSP] = vector). It is leaf,
/// lock-free and allocation-free: it saves every register it touches, sets the vector's bit in the
/// pending word (optionally counts it and wakes a waiter), drops the vector and executes UIRET.
/// Arithmetic flags need no saving: UIRET restores RFLAGS from the frame the CPU pushed.
/// </summary>
internal static class TrampolineBuilder
{
    /// <summary>futex(2) on x86-64.</summary>
    internal const uint FutexSyscallNumber = 202;

    /// <summary>FUTEX_WAKE | FUTEX_PRIVATE_FLAG.</summary>
    internal const uint FutexWakePrivate = 1 | 128;

    // Every combination of the four flags.
    private static readonly TrampolineCode?[] s_built = new TrampolineCode?[16];

    /// <summary>The variant selected by <paramref name="flags"/>, built once per process (receivers share 16 variants).</summary>
    public static TrampolineCode Get(TrampolineFlags flags)
    {
        // A race builds an equal variant twice; either result may stay.
        return s_built[(int)flags] ??= Build(flags);
    }

    /// <summary>Builds the trampoline variant selected by <paramref name="flags"/>.</summary>
    public static TrampolineCode Build(TrampolineFlags flags = TrampolineFlags.None)
    {
        var asm = new X86Encoder();
        if ((flags & TrampolineFlags.EndBranch) != 0)
        {
            asm.Endbr64();
        }

        // RAX holds the vector and RCX the address; a wake-up also needs syscall's clobbers and arguments.
        var saved = new List<Register64> { Register64.Rax, Register64.Rcx };
        if ((flags & TrampolineFlags.WakeWaiter) != 0)
        {
            saved.AddRange(new[] { Register64.R11, Register64.Rdi, Register64.Rsi, Register64.Rdx });
        }

        foreach (var register in saved)
        {
            asm.Push(register);
        }

        // The vector the CPU pushed sits just above the saved registers.
        asm.MovLoad(Register64.Rax, MemoryOperand.At(Register64.Rsp, 8 * saved.Count));
        asm.MovImmediate64(Register64.Rcx, 0, TrampolinePatchSiteKind.PendingWordAddress);
        asm.LockBts(MemoryOperand.At(Register64.Rcx), Register64.Rax);

        if ((flags & TrampolineFlags.DeliveryCounters) != 0)
        {
            asm.MovImmediate64(Register64.Rcx, 0, TrampolinePatchSiteKind.DeliveryCounterArrayAddress);
            asm.LockIncQword(MemoryOperand.Indexed(Register64.Rcx, Register64.Rax, 8));
        }

        if ((flags & TrampolineFlags.WakeWaiter) != 0)
        {
            // Publish "something is pending" in the waiter word, then futex-wake one sleeper on it.
            asm.MovImmediate64(Register64.Rdi, 0, TrampolinePatchSiteKind.WaiterWordAddress);
            asm.MovStoreImmediate32(MemoryOperand.At(Register64.Rdi), 1);
            asm.MovImmediate32(Register32.Eax, FutexSyscallNumber);
            asm.MovImmediate32(Register32.Esi, FutexWakePrivate);
            asm.MovImmediate32(Register32.Edx, 1);
            asm.Syscall();
        }

        for (int i = saved.Count - 1; i >= 0; i--)
        {
            asm.Pop(saved[i]);
        }

        // UIRET pops RIP, RFLAGS and RSP but not the vector.
        asm.AddImmediate8(Register64.Rsp, 8);
        asm.Uiret();
        return asm.ToCode(flags);
    }
}
