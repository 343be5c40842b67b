using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>
/// The unmanaged memory a receiver's trampoline uses, kept apart from the code: the pending word, the waiter word and
/// 64 delivery counters in one 64-byte-aligned allocation, each group on its own cache line so the trampoline's LOCK
/// BTS does not share a line with the counters; and, for an AlternateStack receiver, the stack the CPU delivers on.
/// </summary>
internal sealed unsafe class ReceiverNativeState : IDisposable
{
    public const int CacheLine = 64;
    public const int PendingWordOffset = 0;
    public const int WaiterWordOffset = CacheLine;
    public const int CountersOffset = 2 * CacheLine;
    public const int VectorCount = 64;
    public const int Size = CountersOffset + VectorCount * sizeof(ulong);

    private byte* _memory;
    private byte* _alternateStack;

    public ReceiverNativeState(bool alternateStack = false)
    {
        _memory = (byte*)NativeMemory.AlignedAlloc(Size, CacheLine);
        NativeMemory.Clear(_memory, Size);
        if (alternateStack)
        {
            _alternateStack = (byte*)NativeMemory.AlignedAlloc(UserInterruptReceiverAttribute.AlternateStackSize, CacheLine);
        }
    }

    /// <summary>The lowest address of the alternate stack, or 0 when the receiver has none.</summary>
    public nint AlternateStackBase => (nint)_alternateStack;

    /// <summary>
    /// One past the highest byte of the alternate stack (16-byte aligned), or 0 without one: what uintr_alt_stack must
    /// get, since the kernel makes it the stack pointer the CPU pushes the frame below.
    /// </summary>
    public nint AlternateStackTop => _alternateStack is null ? 0 : (nint)(_alternateStack + UserInterruptReceiverAttribute.AlternateStackSize);

    /// <summary>Bit n set: vector n was delivered and its handler has not run yet.</summary>
    public ulong* PendingWord => (ulong*)(Base + PendingWordOffset);

    /// <summary>The 32-bit word a blocked waiter sleeps on.</summary>
    public uint* WaiterWord => (uint*)(Base + WaiterWordOffset);

    /// <summary>64 per-vector delivery counters.</summary>
    public ulong* Counters => (ulong*)(Base + CountersOffset);

    /// <summary>The address the trampoline gets for each patch site.</summary>
    public ulong AddressOf(TrampolinePatchKind kind) => kind switch
    {
        TrampolinePatchKind.PendingWordAddress => (ulong)PendingWord,
        TrampolinePatchKind.DeliveryCounterArrayAddress => (ulong)Counters,
        TrampolinePatchKind.WaiterWordAddress => (ulong)WaiterWord,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trampoline patch site."),
    };

    /// <summary>The current pending bits (a volatile read: the trampoline writes them asynchronously).</summary>
    public ulong ReadPending() => Volatile.Read(ref *PendingWord);

    /// <summary>
    /// Spins with PAUSE until the pending word is non-zero or <paramref name="deadline"/> passes (a
    /// <see cref="WaitDeadline"/> timestamp; null spins for ever). Shared by the receivers whose trampolines write this
    /// block natively (hardware and emulated).
    /// </summary>
    /// <returns>Whether a vector is pending.</returns>
    public bool SpinUntilPending(long? deadline)
    {
        int spins = 0;
        while (ReadPending() == 0)
        {
            if (X86Base.IsSupported)
            {
                X86Base.Pause();
            }
            else
            {
                Thread.SpinWait(1);
            }

            // Reading the clock costs more than PAUSE: check the deadline every 64 spins.
            if ((++spins & 63) == 0 && WaitDeadline.HasPassed(deadline))
            {
                return ReadPending() != 0;
            }
        }

        return true;
    }

    /// <summary>Clears <paramref name="bit"/> atomically, leaving bits the trampoline sets meanwhile alone.</summary>
    public void ClearPending(int bit) => Interlocked.And(ref *PendingWord, ~(1UL << bit));

    /// <summary>Clears the bits of <paramref name="mask"/> atomically and returns the word as it was before.</summary>
    public ulong TakePending(ulong mask) => Interlocked.And(ref *PendingWord, ~mask);

    public void Dispose()
    {
        if (_memory is not null)
        {
            // Poison first: a use after free then reads a set waiter word and pending bits instead of a plausible 0.
            NativeMemory.Fill(_memory, Size, 0xFF);
            NativeMemory.AlignedFree(_memory);
            _memory = null;
        }

        if (_alternateStack is not null)
        {
            NativeMemory.AlignedFree(_alternateStack);
            _alternateStack = null;
        }

        GC.SuppressFinalize(this);
    }

    ~ReceiverNativeState()
    {
        Dispose();
    }

    private byte* Base => _memory is not null ? _memory : throw new ObjectDisposedException(nameof(ReceiverNativeState));
}
