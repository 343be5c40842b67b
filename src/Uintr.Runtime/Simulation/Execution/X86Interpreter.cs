using System;
using System.Collections.Generic;
using Iced.Intel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Execution;

/// <summary>
/// Executes x86-64 machine code (the generated trampolines) on a simulated register file and
/// simulated memory, one instruction at a time, charging each its cycle cost. Covers exactly the
/// instructions a trampoline needs; UIRET, CLUI, STUI, TESTUI, SENDUIPI and SYSCALL are delegated
/// to <see cref="ISystemInstructions"/>. Decoded instructions are cached per address; call
/// <see cref="InvalidateDecodedInstructions"/> after rewriting (or unmapping) code that has already run.
/// </summary>
/// <remarks>
/// Delegated instructions see RIP already pointing at the next instruction (SYSCALL saves it into
/// RCX; UIRET overwrites it); if they fault (#UD, #GP, #PF), RIP is put back on them.
/// Faults leave the machine as the CPU would: RIP still points at the faulting instruction, and
/// no register is written before every memory access of the instruction has succeeded.
/// </remarks>
internal sealed class X86Interpreter
{
    private readonly SimulatedMemory _memory;
    private readonly ISystemInstructions _system;
    private readonly InstructionDecoder _decoder;
    private readonly Dictionary<ulong, DecodedInstruction> _decoded = new();

    public X86Interpreter(SimulatedMemory memory, ISystemInstructions system, InstructionTiming? timing = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _system = system ?? throw new ArgumentNullException(nameof(system));
        Timing = timing ?? InstructionTiming.SapphireRapids;
        _decoder = new InstructionDecoder(memory, Timing);
    }

    public InstructionTiming Timing { get; }

    /// <summary>Called after every executed instruction while set (off by default: tracing formats text).</summary>
    public Action<ExecutedInstruction>? Trace { get; set; }

    /// <summary>Forgets every decoded instruction (needed only if code is rewritten after it has run).</summary>
    public void InvalidateDecodedInstructions() => _decoded.Clear();

    /// <summary>Runs at RIP until UIRET, with the default trampoline budget.</summary>
    public ExecutionResult Run(RegisterFile registers) => Run(registers, ExecutionLimits.Trampoline);

    /// <summary>Runs at RIP until UIRET, executing at most <paramref name="maxInstructions"/> instructions.</summary>
    public ExecutionResult Run(RegisterFile registers, long maxInstructions) => Run(registers, new ExecutionLimits(maxInstructions));

    /// <summary>Runs at RIP until one of the stops in <paramref name="limits"/>.</summary>
    /// <exception cref="InstructionBudgetExceededException">The budget ran out first (unless the limits ask for a return instead).</exception>
    /// <exception cref="UnsupportedInstructionException">An instruction outside the supported set was reached.</exception>
    /// <exception cref="ArchitecturalFault">An instruction raised #UD or #GP.</exception>
    /// <exception cref="PageFaultException">Code or data touched unmapped memory.</exception>
    public ExecutionResult Run(RegisterFile registers, ExecutionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(registers);
        bool hasStopAddress = limits.StopAddress.HasValue;
        ulong stopAddress = limits.StopAddress.GetValueOrDefault();
        long executed = 0;
        long cycles = 0;
        DecodedInstruction? previous = null;

        while (true)
        {
            ulong rip = registers.Rip;
            if (hasStopAddress && rip == stopAddress)
            {
                return new ExecutionResult(executed, cycles, StopReason.StopAddress);
            }

            if (executed >= limits.MaxInstructions)
            {
                return limits.ReturnWhenBudgetExhausted
                    ? new ExecutionResult(executed, cycles, StopReason.InstructionBudget)
                    : throw new InstructionBudgetExceededException(rip, limits.MaxInstructions);
            }

            DecodedInstruction instruction = Fetch(previous, rip);
            long cost = Execute(instruction, registers);
            executed++;
            cycles += cost;
            Trace?.Invoke(new ExecutedInstruction(instruction.Address, instruction.GetBytes(_memory), instruction.Text, cost));

            if (instruction.Operation == ExecutionOperation.Uiret && limits.StopAtUiret)
            {
                return new ExecutionResult(executed, cycles, StopReason.Uiret);
            }

            previous = instruction;
        }
    }

    /// <summary>The decoded instruction at <paramref name="rip"/>: via the link from the previous one when possible, else the cache, else the decoder.</summary>
    private DecodedInstruction Fetch(DecodedInstruction? previous, ulong rip)
    {
        if (previous is not null)
        {
            if (previous.FallThrough is { } next && next.Address == rip)
            {
                return next;
            }

            if (previous.BranchTaken is { } taken && taken.Address == rip)
            {
                return taken;
            }
        }

        if (!_decoded.TryGetValue(rip, out DecodedInstruction? instruction))
        {
            instruction = _decoder.Decode(rip);
            _decoded.Add(rip, instruction);
        }

        if (previous is not null)
        {
            if (rip == previous.NextAddress)
            {
                previous.FallThrough = instruction;
            }
            else if (rip == previous.BranchTarget)
            {
                previous.BranchTaken = instruction;
            }
        }

        return instruction;
    }

    /// <summary>Executes one instruction (SDM Vol. 2 "Operation" of each) and returns its cycles.</summary>
    private long Execute(DecodedInstruction instruction, RegisterFile registers)
    {
        int size = instruction.OperandSize;
        ulong address = instruction.HasMemoryOperand ? instruction.EffectiveAddress(registers) : 0;
        ulong next = instruction.NextAddress;

        switch (instruction.Operation)
        {
            case ExecutionOperation.Nop:
            case ExecutionOperation.Pause:
                break;

            case ExecutionOperation.Push:
            {
                // The value is read before RSP moves, so PUSH RSP pushes the old RSP.
                ulong value = Read(instruction, instruction.Source, registers, address);
                ulong rsp = registers.Rsp - 8;
                _memory.WriteUInt64(rsp, value);
                registers.Rsp = rsp;
                break;
            }

            case ExecutionOperation.Pop:
            {
                ulong value = _memory.ReadUInt64(registers.Rsp);
                registers.Rsp += 8;
                WriteRegister(registers, instruction.Destination.Register, value, 8); // POP RSP: the loaded value wins
                break;
            }

            case ExecutionOperation.Mov:
                Write(instruction, instruction.Destination, registers, address, Read(instruction, instruction.Source, registers, address));
                break;

            case ExecutionOperation.Lea:
                WriteRegister(registers, instruction.Destination.Register, address, size);
                break;

            case ExecutionOperation.Add:
            case ExecutionOperation.Sub:
            case ExecutionOperation.Cmp:
            {
                ulong left = Read(instruction, instruction.Destination, registers, address);
                ulong right = Read(instruction, instruction.Source, registers, address);
                ulong result;
                ulong flags;
                if (instruction.Operation == ExecutionOperation.Add)
                {
                    result = left + right;
                    flags = ArithmeticFlags.Add(left, right, result, size);
                }
                else
                {
                    result = left - right;
                    flags = ArithmeticFlags.Subtract(left, right, result, size);
                }

                if (instruction.Operation != ExecutionOperation.Cmp)
                {
                    Write(instruction, instruction.Destination, registers, address, result);
                }

                SetStatusFlags(registers, flags, Rflags.Status);
                break;
            }

            case ExecutionOperation.And:
            case ExecutionOperation.Or:
            case ExecutionOperation.Xor:
            case ExecutionOperation.Test:
            {
                ulong left = Read(instruction, instruction.Destination, registers, address);
                ulong right = Read(instruction, instruction.Source, registers, address);
                ulong result = instruction.Operation switch
                {
                    ExecutionOperation.Or => left | right,
                    ExecutionOperation.Xor => left ^ right,
                    _ => left & right,
                };

                if (instruction.Operation != ExecutionOperation.Test)
                {
                    Write(instruction, instruction.Destination, registers, address, result);
                }

                SetStatusFlags(registers, ArithmeticFlags.Logic(result, size), Rflags.Status);
                break;
            }

            case ExecutionOperation.Inc:
            case ExecutionOperation.Dec:
            {
                // INC/DEC: flags as ADD/SUB with 1, except that CF is preserved.
                ulong value = Read(instruction, instruction.Destination, registers, address);
                bool increment = instruction.Operation == ExecutionOperation.Inc;
                ulong result = increment ? value + 1 : value - 1;
                ulong flags = increment ? ArithmeticFlags.Add(value, 1, result, size) : ArithmeticFlags.Subtract(value, 1, result, size);
                Write(instruction, instruction.Destination, registers, address, result);
                SetStatusFlags(registers, flags, Rflags.Status & ~Rflags.CF);
                break;
            }

            case ExecutionOperation.Bt:
            case ExecutionOperation.Bts:
            case ExecutionOperation.Btr:
                ExecuteBitTest(instruction, registers, address);
                break;

            case ExecutionOperation.Xchg:
            {
                ulong destination = Read(instruction, instruction.Destination, registers, address);
                ulong source = ReadRegister(registers, instruction.Source.Register, size);
                Write(instruction, instruction.Destination, registers, address, source);
                WriteRegister(registers, instruction.Source.Register, destination, size);
                break;
            }

            case ExecutionOperation.Xadd:
            {
                // TEMP <- SRC + DEST; SRC <- DEST; DEST <- TEMP.
                ulong destination = Read(instruction, instruction.Destination, registers, address);
                ulong source = ReadRegister(registers, instruction.Source.Register, size);
                ulong sum = source + destination;
                WriteRegister(registers, instruction.Source.Register, destination, size);
                Write(instruction, instruction.Destination, registers, address, sum);
                SetStatusFlags(registers, ArithmeticFlags.Add(destination, source, sum, size), Rflags.Status);
                break;
            }

            case ExecutionOperation.Cmpxchg:
                ExecuteCompareExchange(instruction, registers, address);
                break;

            case ExecutionOperation.Jcc:
                registers.Rip = ConditionHolds(instruction.Condition, registers.Rflags) ? instruction.BranchTarget : next;
                return instruction.Cycles;

            case ExecutionOperation.Jmp:
                registers.Rip = instruction.BranchTarget;
                return instruction.Cycles;

            case ExecutionOperation.Call:
            {
                ulong rsp = registers.Rsp - 8;
                _memory.WriteUInt64(rsp, next);
                registers.Rsp = rsp;
                registers.Rip = instruction.BranchTarget;
                return instruction.Cycles;
            }

            case ExecutionOperation.Ret:
            {
                ulong target = _memory.ReadUInt64(registers.Rsp);
                registers.Rsp += 8 + instruction.ReturnPopBytes;
                registers.Rip = target;
                return instruction.Cycles;
            }

            case ExecutionOperation.Uiret:
                // UIRET loads RIP itself (from the stack).
                return instruction.Cycles + Delegate(instruction, registers, static (system, regs) => system.Uiret(regs));

            case ExecutionOperation.Syscall:
                // SYSCALL saves the address of the next instruction (into RCX): RIP already points there.
                return instruction.Cycles + Delegate(instruction, registers, static (system, regs) => system.Syscall(regs));

            case ExecutionOperation.Testui:
                return instruction.Cycles + Delegate(instruction, registers, static (system, regs) => system.Testui(regs));

            case ExecutionOperation.Clui:
            {
                long cost = _system.Clui();
                registers.Rip = next;
                return instruction.Cycles + cost;
            }

            case ExecutionOperation.Stui:
            {
                long cost = _system.Stui();
                registers.Rip = next;
                return instruction.Cycles + cost;
            }

            case ExecutionOperation.Senduipi:
            {
                long cost = _system.Senduipi(registers[(Gpr)instruction.Source.Register]);
                registers.Rip = next;
                return instruction.Cycles + cost;
            }

            default:
                throw new InvalidOperationException($"Operation {instruction.Operation} has no execution routine.");
        }

        registers.Rip = next;
        return instruction.Cycles;
    }

    /// <summary>
    /// BT/BTS/BTR (SDM Vol. 2A, BT: "Bit(BitBase, BitOffset)"). A register offset on a memory operand
    /// addresses a bit string: the signed offset selects the operand-sized unit at
    /// EA + size * (offset SAR log2(bits)); an immediate offset (or a register destination) is taken
    /// modulo the operand width. CF = the selected bit's old value; ZF is unaffected and OF, SF, AF,
    /// PF are undefined (left unchanged here).
    /// </summary>
    private void ExecuteBitTest(DecodedInstruction instruction, RegisterFile registers, ulong address)
    {
        int size = instruction.OperandSize;
        int widthBits = size * 8;
        ulong offset = Read(instruction, instruction.Source, registers, address);
        if (instruction.Destination.IsMemory && instruction.Source.Kind == OperandKind.Register)
        {
            long unit = size == 8 ? (long)offset >> 6 : (int)(uint)offset >> 5;
            address += (ulong)(unit * size);
            if (instruction.AddressSize32)
            {
                address = (uint)address;
            }
        }

        int bit = (int)(offset & (ulong)(widthBits - 1));
        ulong value = Read(instruction, instruction.Destination, registers, address);
        ulong mask = 1UL << bit;
        bool oldBit = (value & mask) != 0;
        if (instruction.Operation != ExecutionOperation.Bt)
        {
            ulong updated = instruction.Operation == ExecutionOperation.Bts ? value | mask : value & ~mask;
            Write(instruction, instruction.Destination, registers, address, updated);
        }

        SetStatusFlags(registers, oldBit ? Rflags.CF : 0, Rflags.CF);
    }

    /// <summary>
    /// CMPXCHG (SDM Vol. 2A): compare the accumulator with DEST; equal: ZF = 1, DEST = SRC; else ZF = 0,
    /// accumulator = DEST, and DEST is written back with its own value (the processor always writes). Flags as CMP accumulator, DEST.
    /// </summary>
    private void ExecuteCompareExchange(DecodedInstruction instruction, RegisterFile registers, ulong address)
    {
        int size = instruction.OperandSize;
        ulong mask = ArithmeticFlags.Mask(size);
        ulong accumulator = registers[Gpr.Rax] & mask;
        ulong destination = Read(instruction, instruction.Destination, registers, address);
        ulong difference = accumulator - destination;
        ulong flags = ArithmeticFlags.Subtract(accumulator, destination, difference, size);
        if (accumulator == destination)
        {
            Write(instruction, instruction.Destination, registers, address, ReadRegister(registers, instruction.Source.Register, size));
        }
        else
        {
            // SDM: TEMP <- DEST; accumulator <- TEMP; DEST <- TEMP (the write-back keeps a locked access a full RMW).
            Write(instruction, instruction.Destination, registers, address, destination);
            WriteRegister(registers, (int)Gpr.Rax, destination, size);
        }

        SetStatusFlags(registers, flags, Rflags.Status);
    }

    private long Delegate(DecodedInstruction instruction, RegisterFile registers, Func<ISystemInstructions, RegisterFile, long> operation)
    {
        registers.Rip = instruction.NextAddress;
        try
        {
            return operation(_system, registers);
        }
        catch (Exception fault) when (fault is ArchitecturalFault or PageFaultException)
        {
            // A faulting instruction does not advance RIP.
            registers.Rip = instruction.Address;
            throw;
        }
    }

    /// <summary>Jcc conditions (SDM Vol. 2A, Jcc table).</summary>
    private static bool ConditionHolds(ConditionCode condition, ulong rflags)
    {
        bool cf = (rflags & Rflags.CF) != 0;
        bool zf = (rflags & Rflags.ZF) != 0;
        bool sf = (rflags & Rflags.SF) != 0;
        bool of = (rflags & Rflags.OF) != 0;
        bool pf = (rflags & Rflags.PF) != 0;
        return condition switch
        {
            ConditionCode.o => of,
            ConditionCode.no => !of,
            ConditionCode.b => cf,
            ConditionCode.ae => !cf,
            ConditionCode.e => zf,
            ConditionCode.ne => !zf,
            ConditionCode.be => cf || zf,
            ConditionCode.a => !cf && !zf,
            ConditionCode.s => sf,
            ConditionCode.ns => !sf,
            ConditionCode.p => pf,
            ConditionCode.np => !pf,
            ConditionCode.l => sf != of,
            ConditionCode.ge => sf == of,
            ConditionCode.le => zf || sf != of,
            ConditionCode.g => !zf && sf == of,
            _ => throw new InvalidOperationException($"Condition {condition} is not a Jcc condition."),
        };
    }

    private static void SetStatusFlags(RegisterFile registers, ulong flags, ulong affected) =>
        registers.Rflags = (registers.Rflags & ~affected) | (flags & affected);

    private ulong Read(DecodedInstruction instruction, in DecodedOperand operand, RegisterFile registers, ulong address)
    {
        int size = instruction.OperandSize;
        return operand.Kind switch
        {
            OperandKind.Register => ReadRegister(registers, operand.Register, size),
            OperandKind.Immediate => operand.Immediate & ArithmeticFlags.Mask(size),
            OperandKind.Memory => size == 8 ? _memory.ReadUInt64(address) : _memory.ReadUInt32(address),
            _ => throw new InvalidOperationException($"{instruction} has no such operand."),
        };
    }

    private void Write(DecodedInstruction instruction, in DecodedOperand operand, RegisterFile registers, ulong address, ulong value)
    {
        int size = instruction.OperandSize;
        if (operand.Kind == OperandKind.Register)
        {
            WriteRegister(registers, operand.Register, value, size);
        }
        else if (size == 8)
        {
            _memory.WriteUInt64(address, value);
        }
        else
        {
            _memory.WriteUInt32(address, (uint)value);
        }
    }

    private static ulong ReadRegister(RegisterFile registers, int register, int size) =>
        size == 8 ? registers[(Gpr)register] : (uint)registers[(Gpr)register];

    /// <summary>A 32-bit register write zero-extends into the full 64-bit register (SDM Vol. 1, 3.4.1.1).</summary>
    private static void WriteRegister(RegisterFile registers, int register, ulong value, int size) =>
        registers[(Gpr)register] = size == 8 ? value : (uint)value;
}
