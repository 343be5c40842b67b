using System;
using System.Collections.Generic;
using System.Globalization;

namespace Uintr.Emulation.MachineCode;

/// <summary>
/// The instruction forms the emulated backend's signal handlers need on top of the trampoline forms: register moves,
/// 32-bit loads and stores, ALU operations with immediates, compare-exchange, and branches to labels. Branch
/// displacements (always rel32) and their Intel-syntax text are filled in by <see cref="Assemble"/>.
/// </summary>
internal sealed partial class X86Encoder
{
    private readonly List<Branch> _branches = new();

    /// <summary>A new, unbound branch target.</summary>
    public Label NewLabel(string name) => new(name);

    /// <summary>Binds <paramref name="label"/> to the next instruction.</summary>
    public X86Encoder Bind(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Position >= 0)
        {
            throw new InvalidOperationException($"Label '{label.Name}' is bound twice.");
        }

        label.Position = _code.Count;
        return this;
    }

    /// <summary><c>jcc rel32</c> (0F 80+cc cd).</summary>
    public X86Encoder Jump(Condition condition, Label target)
    {
        Begin();
        Emit(0x0F, (byte)(0x80 + (int)condition));
        return EndBranch("j" + ConditionSuffix(condition), target);
    }

    /// <summary><c>jmp rel32</c> (E9 cd).</summary>
    public X86Encoder Jump(Label target)
    {
        Begin();
        Emit(0xE9);
        return EndBranch("jmp", target);
    }

    /// <summary><c>call rel32</c> (E8 cd).</summary>
    public X86Encoder Call(Label target)
    {
        Begin();
        Emit(0xE8);
        return EndBranch("call", target);
    }

    /// <summary><c>ret</c> (C3).</summary>
    public X86Encoder Ret()
    {
        Begin();
        Emit(0xC3);
        return End("ret");
    }

    /// <summary><c>mov r64, r64</c> (REX.W 89 /r).</summary>
    public X86Encoder MovRegister(Register64 destination, Register64 source) => RegisterRegister(0x89, "mov", destination, source);

    /// <summary><c>mov r/m64, r64</c> (REX.W 89 /r).</summary>
    public X86Encoder MovStore(MemoryOperand destination, Register64 source)
    {
        Begin();
        EmitRex(w: true, (int)source, destination);
        Emit(0x89);
        EmitModRm((int)source, destination);
        return End($"mov {IntelSyntax.Memory(destination)},{IntelSyntax.Name(source)}");
    }

    /// <summary><c>mov r32, r/m32</c> (8B /r; zero-extends).</summary>
    public X86Encoder MovLoad32(Register32 destination, MemoryOperand source)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: (int)(source.Index ?? 0), b: (int)source.Base);
        Emit(0x8B);
        EmitModRm((int)destination, source);
        return End($"mov {IntelSyntax.Name(destination)},{IntelSyntax.Memory(source)}");
    }

    /// <summary><c>mov r/m32, r32</c> (89 /r).</summary>
    public X86Encoder MovStore32(MemoryOperand destination, Register32 source)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: (int)(destination.Index ?? 0), b: (int)destination.Base);
        Emit(0x89);
        EmitModRm((int)source, destination);
        return End($"mov {IntelSyntax.Memory(destination)},{IntelSyntax.Name(source)}");
    }

    /// <summary><c>mov qword ptr [m], imm32</c> (REX.W C7 /0 id, sign-extended).</summary>
    public X86Encoder MovStoreImmediate64(MemoryOperand destination, int value)
    {
        Begin();
        EmitRex(w: true, 0, destination);
        Emit(0xC7);
        EmitModRm(0, destination);
        EmitUInt32(unchecked((uint)value));
        return End($"mov {IntelSyntax.Memory(destination, "qword")},{IntelSyntax.Number(unchecked((ulong)(long)value))}");
    }

    /// <summary><c>lea r64, [m]</c> (REX.W 8D /r).</summary>
    public X86Encoder Lea(Register64 destination, MemoryOperand source)
    {
        Begin();
        EmitRex(w: true, (int)destination, source);
        Emit(0x8D);
        EmitModRm((int)destination, source);
        return End($"lea {IntelSyntax.Name(destination)},{IntelSyntax.Memory(source)}");
    }

    /// <summary><c>add r64, imm</c> (REX.W 83 /0 ib or 81 /0 id).</summary>
    public X86Encoder AddImmediate(Register64 destination, int value) => GroupOneImmediate(0, "add", destination, value);

    /// <summary><c>or r64, imm</c> (REX.W 83 /1 ib or 81 /1 id).</summary>
    public X86Encoder OrImmediate(Register64 destination, int value) => GroupOneImmediate(1, "or", destination, value);

    /// <summary><c>and r64, imm</c> (REX.W 83 /4 ib or 81 /4 id).</summary>
    public X86Encoder AndImmediate(Register64 destination, int value) => GroupOneImmediate(4, "and", destination, value);

    /// <summary><c>sub r64, imm</c> (REX.W 83 /5 ib or 81 /5 id).</summary>
    public X86Encoder SubImmediate(Register64 destination, int value) => GroupOneImmediate(5, "sub", destination, value);

    /// <summary><c>cmp r64, imm</c> (REX.W 83 /7 ib or 81 /7 id).</summary>
    public X86Encoder CmpImmediate(Register64 destination, int value) => GroupOneImmediate(7, "cmp", destination, value);

    /// <summary><c>cmp dword ptr [m], imm</c> (83 /7 ib or 81 /7 id).</summary>
    public X86Encoder CmpImmediate32(MemoryOperand destination, int value)
    {
        Begin();
        EmitRexIfNeeded(w: false, r: 0, x: (int)(destination.Index ?? 0), b: (int)destination.Base);
        bool shortForm = value is >= sbyte.MinValue and <= sbyte.MaxValue;
        Emit(shortForm ? (byte)0x83 : (byte)0x81);
        EmitModRm(7, destination);
        EmitImmediate(value, shortForm);
        return End($"cmp {IntelSyntax.Memory(destination, "dword")},{IntelSyntax.Number(unchecked((uint)value))}");
    }

    /// <summary><c>lock and qword ptr [m], imm8</c> (F0 REX.W 83 /4 ib).</summary>
    public X86Encoder LockAndImmediate8(MemoryOperand destination, sbyte value)
    {
        Begin();
        Emit(LockPrefix);
        EmitRex(w: true, 0, destination);
        Emit(0x83);
        EmitModRm(4, destination);
        Emit(unchecked((byte)value));
        return End($"lock and {IntelSyntax.Memory(destination, "qword")},{IntelSyntax.Number(unchecked((ulong)(long)value))}");
    }

    /// <summary><c>test r64, imm32</c> (REX.W F7 /0 id, sign-extended).</summary>
    public X86Encoder TestImmediate(Register64 destination, int value)
    {
        Begin();
        EmitRex(w: true, r: 0, x: 0, b: (int)destination);
        Emit(0xF7);
        Emit((byte)(0xC0 | ((int)destination & 7)));
        EmitUInt32(unchecked((uint)value));
        return End($"test {IntelSyntax.Name(destination)},{IntelSyntax.Number(unchecked((ulong)(long)value))}");
    }

    /// <summary><c>cmp r64, r64</c> (REX.W 39 /r): flags of <paramref name="left"/> - <paramref name="right"/>.</summary>
    public X86Encoder CmpRegisters(Register64 left, Register64 right) => RegisterRegister(0x39, "cmp", left, right);

    /// <summary><c>test r64, r64</c> (REX.W 85 /r).</summary>
    public X86Encoder TestRegisters(Register64 left, Register64 right) => RegisterRegister(0x85, "test", left, right);

    /// <summary><c>or r64, r64</c> (REX.W 09 /r).</summary>
    public X86Encoder OrRegisters(Register64 destination, Register64 source) => RegisterRegister(0x09, "or", destination, source);

    /// <summary><c>sub r64, r64</c> (REX.W 29 /r).</summary>
    public X86Encoder SubRegisters(Register64 destination, Register64 source) => RegisterRegister(0x29, "sub", destination, source);

    /// <summary><c>add r64, r64</c> (REX.W 01 /r).</summary>
    public X86Encoder AddRegisters(Register64 destination, Register64 source) => RegisterRegister(0x01, "add", destination, source);

    /// <summary><c>bt r64, r64</c> (REX.W 0F A3 /r): CF = bit <paramref name="bit"/> of <paramref name="value"/>.</summary>
    public X86Encoder BtRegisters(Register64 value, Register64 bit)
    {
        Begin();
        EmitRex(w: true, r: (int)bit, x: 0, b: (int)value);
        Emit(0x0F, 0xA3);
        Emit((byte)(0xC0 | (((int)bit & 7) << 3) | ((int)value & 7)));
        return End($"bt {IntelSyntax.Name(value)},{IntelSyntax.Name(bit)}");
    }

    /// <summary><c>xor r32, r32</c> (31 /r): zeroes the whole 64-bit register.</summary>
    public X86Encoder Zero(Register32 register)
    {
        Begin();
        Emit(0x31, (byte)(0xC0 | ((int)register << 3) | (int)register));
        return End($"xor {IntelSyntax.Name(register)},{IntelSyntax.Name(register)}");
    }

    /// <summary><c>cmp r64, r/m64</c> (REX.W 3B /r).</summary>
    public X86Encoder CmpLoad(Register64 left, MemoryOperand right)
    {
        Begin();
        EmitRex(w: true, (int)left, right);
        Emit(0x3B);
        EmitModRm((int)left, right);
        return End($"cmp {IntelSyntax.Name(left)},{IntelSyntax.Memory(right)}");
    }

    /// <summary><c>xchg r/m64, r64</c> (REX.W 87 /r; locked whether or not LOCK is present).</summary>
    public X86Encoder Xchg(MemoryOperand memory, Register64 register)
    {
        Begin();
        EmitRex(w: true, (int)register, memory);
        Emit(0x87);
        EmitModRm((int)register, memory);
        return End($"xchg {IntelSyntax.Memory(memory)},{IntelSyntax.Name(register)}");
    }

    /// <summary><c>lock cmpxchg r/m64, r64</c> (F0 REX.W 0F B1 /r): RAX is the expected value.</summary>
    public X86Encoder LockCmpxchg(MemoryOperand destination, Register64 source)
    {
        Begin();
        Emit(LockPrefix);
        EmitRex(w: true, (int)source, destination);
        Emit(0x0F, 0xB1);
        EmitModRm((int)source, destination);
        return End($"lock cmpxchg {IntelSyntax.Memory(destination)},{IntelSyntax.Name(source)}");
    }

    /// <summary><c>btr r/m64, r64</c> (REX.W 0F B3 /r), not locked: for words only the current thread writes.</summary>
    public X86Encoder Btr(MemoryOperand destination, Register64 bit)
    {
        Begin();
        EmitRex(w: true, (int)bit, destination);
        Emit(0x0F, 0xB3);
        EmitModRm((int)bit, destination);
        return End($"btr {IntelSyntax.Memory(destination)},{IntelSyntax.Name(bit)}");
    }

    /// <summary>Resolves every branch to its label and returns the finished code.</summary>
    /// <exception cref="InvalidOperationException">A branch targets a label that was never bound.</exception>
    public TrampolineCode Assemble()
    {
        foreach (var branch in _branches)
        {
            if (branch.Target.Position < 0)
            {
                throw new InvalidOperationException($"Label '{branch.Target.Name}' is never bound.");
            }

            int end = branch.DisplacementOffset + 4;
            int displacement = branch.Target.Position - end;
            for (int i = 0; i < 4; i++)
            {
                _code[branch.DisplacementOffset + i] = (byte)(displacement >> (8 * i));
            }

            var instruction = _instructions[branch.InstructionIndex];
            _instructions[branch.InstructionIndex] = instruction with
            {
                Text = $"{branch.Mnemonic} {((ulong)branch.Target.Position).ToString("X16", CultureInfo.InvariantCulture)}h",
            };
        }

        _branches.Clear();
        return ToCode(TrampolineFlags.None);
    }

    private X86Encoder EndBranch(string mnemonic, Label target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _branches.Add(new Branch(_code.Count, _instructions.Count, mnemonic, target));
        EmitUInt32(0);
        return End(mnemonic);
    }

    private X86Encoder RegisterRegister(byte opcode, string mnemonic, Register64 rm, Register64 reg)
    {
        Begin();
        EmitRex(w: true, r: (int)reg, x: 0, b: (int)rm);
        Emit(opcode, (byte)(0xC0 | (((int)reg & 7) << 3) | ((int)rm & 7)));
        return End($"{mnemonic} {IntelSyntax.Name(rm)},{IntelSyntax.Name(reg)}");
    }

    private X86Encoder GroupOneImmediate(int extension, string mnemonic, Register64 destination, int value)
    {
        Begin();
        EmitRex(w: true, r: 0, x: 0, b: (int)destination);
        bool shortForm = value is >= sbyte.MinValue and <= sbyte.MaxValue;
        Emit(shortForm ? (byte)0x83 : (byte)0x81);
        Emit((byte)(0xC0 | (extension << 3) | ((int)destination & 7)));
        EmitImmediate(value, shortForm);

        // The immediate is sign-extended to 64 bits; the formatter shows that unsigned value.
        return End($"{mnemonic} {IntelSyntax.Name(destination)},{IntelSyntax.Number(unchecked((ulong)(long)value))}");
    }

    private void EmitImmediate(int value, bool shortForm)
    {
        if (shortForm)
        {
            Emit(unchecked((byte)(sbyte)value));
        }
        else
        {
            EmitUInt32(unchecked((uint)value));
        }
    }

    private static string ConditionSuffix(Condition condition) => condition switch
    {
        Condition.Below => "b",
        Condition.AboveOrEqual => "ae",
        Condition.Equal => "e",
        Condition.NotEqual => "ne",
        Condition.BelowOrEqual => "be",
        Condition.Above => "a",
        Condition.Sign => "s",
        Condition.NotSign => "ns",
        Condition.Less => "l",
        Condition.GreaterOrEqual => "ge",
        Condition.LessOrEqual => "le",
        Condition.Greater => "g",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unsupported condition."),
    };

    private readonly record struct Branch(int DisplacementOffset, int InstructionIndex, string Mnemonic, Label Target);
}

/// <summary>A position in code under construction that branches can target before it is bound.</summary>
internal sealed class Label(string name)
{
    /// <summary>The label's name, for errors.</summary>
    public string Name { get; } = name;

    /// <summary>The offset of the instruction it is bound to, or -1.</summary>
    public int Position { get; set; } = -1;
}

/// <summary>The Jcc conditions the handlers use, numbered as the opcode's low nibble (SDM Vol. 2A, Jcc).</summary>
internal enum Condition
{
    Below = 0x2,
    AboveOrEqual = 0x3,
    Equal = 0x4,
    NotEqual = 0x5,
    BelowOrEqual = 0x6,
    Above = 0x7,
    Sign = 0x8,
    NotSign = 0x9,
    Less = 0xC,
    GreaterOrEqual = 0xD,
    LessOrEqual = 0xE,
    Greater = 0xF,
}
