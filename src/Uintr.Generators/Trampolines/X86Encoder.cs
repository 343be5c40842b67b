using System;
using System.Collections.Generic;
using System.Collections.Immutable;

// Shared source: the runtime compiles this file too (UINTR_RUNTIME), for the emulated backend's signal handlers.
#if UINTR_RUNTIME
namespace Uintr.Emulation.MachineCode;
#else
namespace Uintr.Generators.Trampolines;
#endif

/// <summary>
/// A tiny x86-64 encoder for the few instruction forms trampolines use. Each method appends one
/// instruction, records its Intel-syntax text and, for address immediates, a patch site.
/// </summary>
internal sealed partial class X86Encoder
{
    private const byte RexW = 0x48;
    private const byte LockPrefix = 0xF0;

    private readonly List<byte> _code = new();
    private readonly List<TrampolineInstruction> _instructions = new();
    private readonly List<TrampolinePatchSite> _patches = new();
    private int _start;

    public int Length => _code.Count;

    /// <summary><c>push r64</c> (50+r, REX.B for r8-r15).</summary>
    public X86Encoder Push(Register64 register)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: 0, b: (int)register);
        Emit((byte)(0x50 + ((int)register & 7)));
        return End("push " + IntelSyntax.Name(register));
    }

    /// <summary><c>pop r64</c> (58+r).</summary>
    public X86Encoder Pop(Register64 register)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: 0, b: (int)register);
        Emit((byte)(0x58 + ((int)register & 7)));
        return End("pop " + IntelSyntax.Name(register));
    }

    /// <summary><c>mov r64, r/m64</c> (REX.W 8B /r).</summary>
    public X86Encoder MovLoad(Register64 destination, MemoryOperand source)
    {
        Begin();
        EmitRex(w: true, (int)destination, source);
        Emit(0x8B);
        EmitModRm((int)destination, source);
        return End($"mov {IntelSyntax.Name(destination)},{IntelSyntax.Memory(source)}");
    }

    /// <summary><c>mov r64, imm64</c> (REX.W B8+r io); with <paramref name="patch"/> the immediate is a zeroed address site.</summary>
    public X86Encoder MovImmediate64(Register64 destination, ulong value, TrampolinePatchSiteKind? patch = null)
    {
        Begin();
        EmitRex(w: true, r: 0, x: 0, b: (int)destination);
        Emit((byte)(0xB8 + ((int)destination & 7)));
        if (patch is { } kind)
        {
            _patches.Add(new TrampolinePatchSite(kind, _code.Count));
            value = 0;
        }

        EmitUInt64(value);
        return End($"mov {IntelSyntax.Name(destination)},{IntelSyntax.Number(value)}");
    }

    /// <summary><c>mov r32, imm32</c> (B8+r id; zero-extends into the 64-bit register).</summary>
    public X86Encoder MovImmediate32(Register32 destination, uint value)
    {
        Begin();
        Emit((byte)(0xB8 + (int)destination));
        EmitUInt32(value);
        return End($"mov {IntelSyntax.Name(destination)},{IntelSyntax.Number(value)}");
    }

    /// <summary><c>mov dword ptr [m], imm32</c> (C7 /0 id).</summary>
    public X86Encoder MovStoreImmediate32(MemoryOperand destination, uint value)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: (int)(destination.Index ?? 0), b: (int)destination.Base);
        Emit(0xC7);
        EmitModRm(0, destination);
        EmitUInt32(value);
        return End($"mov {IntelSyntax.Memory(destination, "dword")},{IntelSyntax.Number(value)}");
    }

    /// <summary><c>lock bts r/m64, r64</c> (F0 REX.W 0F AB /r): atomically sets bit <paramref name="bit"/> of the bit string at the operand.</summary>
    public X86Encoder LockBts(MemoryOperand destination, Register64 bit)
    {
        Begin();
        Emit(LockPrefix);
        EmitRex(w: true, (int)bit, destination);
        Emit(0x0F, 0xAB);
        EmitModRm((int)bit, destination);
        return End($"lock bts {IntelSyntax.Memory(destination)},{IntelSyntax.Name(bit)}");
    }

    /// <summary><c>lock inc qword ptr [m]</c> (F0 REX.W FF /0).</summary>
    public X86Encoder LockIncQword(MemoryOperand destination)
    {
        Begin();
        Emit(LockPrefix);
        EmitRex(w: true, 0, destination);
        Emit(0xFF);
        EmitModRm(0, destination);
        return End($"lock inc {IntelSyntax.Memory(destination, "qword")}");
    }

    /// <summary><c>add r64, imm8</c> (REX.W 83 /0 ib, sign-extended).</summary>
    public X86Encoder AddImmediate8(Register64 destination, sbyte value)
    {
        Begin();
        EmitRex(w: true, r: 0, x: 0, b: (int)destination);
        Emit(0x83);
        Emit((byte)(0xC0 | ((int)destination & 7)));
        Emit(unchecked((byte)value));

        // The immediate is sign-extended to 64 bits; the formatter shows that unsigned value.
        return End($"add {IntelSyntax.Name(destination)},{IntelSyntax.Number(unchecked((ulong)(long)value))}");
    }

    /// <summary><c>syscall</c> (0F 05): clobbers RCX (return RIP), R11 (RFLAGS) and RAX (result).</summary>
    public X86Encoder Syscall()
    {
        Begin();
        Emit(0x0F, 0x05);
        return End("syscall");
    }

    /// <summary><c>uiret</c> (F3 0F 01 EC): pops RIP, RFLAGS and RSP and sets UIF.</summary>
    public X86Encoder Uiret()
    {
        Begin();
        Emit(0xF3, 0x0F, 0x01, 0xEC);
        return End("uiret");
    }

    /// <summary><c>endbr64</c> (F3 0F 1E FA): a valid indirect-branch target under CET IBT.</summary>
    public X86Encoder Endbr64()
    {
        Begin();
        Emit(0xF3, 0x0F, 0x1E, 0xFA);
        return End("endbr64");
    }

    public TrampolineCode ToCode(TrampolineFlags flags) =>
        new(flags, _code.ToImmutableArray(), _instructions.ToImmutableArray(), _patches.ToImmutableArray());

    private void Begin() => _start = _code.Count;

    private X86Encoder End(string text)
    {
        _instructions.Add(new TrampolineInstruction(_start, _code.Count - _start, text));
        return this;
    }

    private void Emit(params byte[] bytes) => _code.AddRange(bytes);

    private void EmitUInt32(uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            _code.Add((byte)(value >> (8 * i)));
        }
    }

    private void EmitUInt64(ulong value)
    {
        for (int i = 0; i < 8; i++)
        {
            _code.Add((byte)(value >> (8 * i)));
        }
    }

    private void EmitRex(bool w, int r, MemoryOperand memory) =>
        EmitRex(w, r, (int)(memory.Index ?? 0), (int)memory.Base);

    // REX = 0100WRXB: the high bit of ModRM.reg, SIB.index and ModRM.rm/SIB.base.
    private void EmitRex(bool w, int r, int x, int b) =>
        Emit((byte)(0x40 | (w ? 8 : 0) | ((r >> 3) << 2) | ((x >> 3) << 1) | (b >> 3)));

    private void EmitRexIfNeeded(bool w, int r, int x, int b)
    {
        if (w || r > 7 || x > 7 || b > 7)
        {
            EmitRex(w, r, x, b);
        }
    }

    private void EmitModRm(int reg, MemoryOperand memory)
    {
        int baseLow = (int)memory.Base & 7;

        // [rbp]/[r13] with mod 00 means RIP-relative or disp32: they always need a displacement.
        int mod = memory.Displacement == 0 && baseLow != 5 ? 0
            : memory.Displacement is >= sbyte.MinValue and <= sbyte.MaxValue ? 1
            : 2;

        // rm = 100 selects a SIB byte: needed for an index and for RSP/R12 as base.
        bool needsSib = memory.Index is not null || baseLow == 4;
        Emit((byte)((mod << 6) | ((reg & 7) << 3) | (needsSib ? 4 : baseLow)));
        if (needsSib)
        {
            int indexLow = memory.Index is { } index ? (int)index & 7 : 4;
            Emit((byte)((ScaleBits(memory.Scale) << 6) | (indexLow << 3) | baseLow));
        }

        if (mod == 1)
        {
            Emit(unchecked((byte)(sbyte)memory.Displacement));
        }
        else if (mod == 2)
        {
            EmitUInt32(unchecked((uint)memory.Displacement));
        }
    }

    private static int ScaleBits(int scale) => scale switch
    {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(scale)),
    };
}
