using Iced.Intel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Execution;

/// <summary>
/// Decodes one instruction from simulated memory with Iced (64-bit mode) and resolves it into a
/// <see cref="DecodedInstruction"/>: the operation, its operands and its cost. Anything outside
/// the trampoline instruction set raises <see cref="UnsupportedInstructionException"/>; an
/// encoding the CPU rejects (including a misplaced LOCK) raises #UD.
/// </summary>
internal sealed class InstructionDecoder
{
    private readonly SimulatedMemory _memory;
    private readonly InstructionTiming _timing;
    private readonly SimulatedMemoryCodeReader _reader;
    private readonly Decoder _decoder;
    private Decoder? _permissiveDecoder;

    public InstructionDecoder(SimulatedMemory memory, InstructionTiming timing)
    {
        _memory = memory;
        _timing = timing;
        _reader = new SimulatedMemoryCodeReader(memory);
        _decoder = Decoder.Create(64, _reader, DecoderOptions.None);
    }

    public DecodedInstruction Decode(ulong address)
    {
        _reader.Position = address;
        _decoder.IP = address;
        _decoder.Decode(out Instruction instruction);
        if (instruction.IsInvalid)
        {
            throw InvalidEncoding(address);
        }

        // Iced already rejects a misplaced LOCK; the check is repeated so the rule stays visible here.
        string? lockViolation = LockViolation(instruction);
        if (lockViolation is not null)
        {
            throw ArchitecturalFault.InvalidOpcode(instruction.ToString(), lockViolation);
        }

        return Resolve(address, instruction);
    }

    /// <summary>
    /// SDM Vol. 2A, LOCK: "#UD if the LOCK prefix is used with an instruction not in the list
    /// (ADD ADC AND BTC BTR BTS CMPXCHG CMPXCH8B CMPXCHG16B DEC INC NEG NOT OR SBB SUB XOR XADD XCHG)
    /// or when the destination operand is not a memory operand".
    /// </summary>
    private static string? LockViolation(in Instruction instruction)
    {
        if (!instruction.HasLockPrefix)
        {
            return null;
        }

        switch (instruction.Mnemonic)
        {
            case Mnemonic.Add or Mnemonic.Adc or Mnemonic.And or Mnemonic.Btc or Mnemonic.Btr or Mnemonic.Bts
                or Mnemonic.Cmpxchg or Mnemonic.Cmpxchg8b or Mnemonic.Cmpxchg16b or Mnemonic.Dec or Mnemonic.Inc
                or Mnemonic.Neg or Mnemonic.Not or Mnemonic.Or or Mnemonic.Sbb or Mnemonic.Sub or Mnemonic.Xor
                or Mnemonic.Xadd or Mnemonic.Xchg:
                return instruction.Op0Kind == OpKind.Memory
                    ? null
                    : $"LOCK prefix with a register destination ({instruction.Mnemonic.ToString().ToUpperInvariant()} is lockable only on memory)";
            default:
                return $"LOCK prefix is not allowed on {instruction.Mnemonic.ToString().ToUpperInvariant()}";
        }
    }

    private ArchitecturalFault InvalidEncoding(ulong address)
    {
        // Decode again without Iced's validity checks to say why the CPU would reject it.
        _permissiveDecoder ??= Decoder.Create(64, _reader, DecoderOptions.NoInvalidCheck);
        _reader.Position = address;
        _permissiveDecoder.IP = address;
        _permissiveDecoder.Decode(out Instruction lenient);
        if (!lenient.IsInvalid)
        {
            string reason = LockViolation(lenient) ?? "invalid or reserved encoding";
            return ArchitecturalFault.InvalidOpcode(lenient.ToString(), reason);
        }

        var bytes = new byte[System.Math.Max(1, lenient.Length)];
        _memory.Read(address, bytes);
        return ArchitecturalFault.InvalidOpcode($"(bad) {System.Convert.ToHexString(bytes)} at 0x{address:X16}", "invalid opcode");
    }

    private DecodedInstruction Resolve(ulong address, in Instruction instruction)
    {
        var builder = new OperandResolver(this, address, instruction);
        ExecutionOperation operation;
        long cycles;
        DecodedOperand destination = default, source = default;
        int size = 0;
        ulong branchTarget = 0, returnPop = 0;

        if (instruction.IsJccShortOrNear)
        {
            operation = ExecutionOperation.Jcc;
            branchTarget = builder.NearBranch(0);
            cycles = _timing.Branch;
        }
        else
        {
            switch (instruction.Mnemonic)
            {
                case Mnemonic.Nop:
                case Mnemonic.Endbr64:
                    // Multi-byte NOP (0F 1F /0) has a ModRM operand but never accesses memory.
                    operation = ExecutionOperation.Nop;
                    cycles = _timing.Nop;
                    break;

                case Mnemonic.Pause:
                    operation = ExecutionOperation.Pause;
                    cycles = _timing.Pause;
                    break;

                case Mnemonic.Push:
                    operation = ExecutionOperation.Push;
                    size = 8;
                    source = builder.Operand(0, out int pushSize, allowImmediate: true);
                    builder.Require(pushSize == 8, "only 64-bit PUSH is supported");
                    cycles = source.IsMemory ? _timing.Load + _timing.Push : _timing.Push;
                    break;

                case Mnemonic.Pop:
                    operation = ExecutionOperation.Pop;
                    destination = builder.Operand(0, out int popSize);
                    builder.Require(popSize == 8 && !destination.IsMemory, "only POP r64 is supported");
                    size = 8;
                    cycles = _timing.Pop;
                    break;

                case Mnemonic.Mov:
                    operation = ExecutionOperation.Mov;
                    destination = builder.Operand(0, out size);
                    source = builder.Operand(1, out _, allowImmediate: true);
                    cycles = destination.IsMemory ? _timing.Store : source.IsMemory ? _timing.Load : _timing.AluRegister;
                    break;

                case Mnemonic.Lea:
                    operation = ExecutionOperation.Lea;
                    destination = builder.Operand(0, out size);
                    builder.LeaAddress(1);
                    cycles = _timing.Lea;
                    break;

                case Mnemonic.Add or Mnemonic.Sub or Mnemonic.And or Mnemonic.Or or Mnemonic.Xor or Mnemonic.Cmp or Mnemonic.Test:
                    operation = instruction.Mnemonic switch
                    {
                        Mnemonic.Add => ExecutionOperation.Add,
                        Mnemonic.Sub => ExecutionOperation.Sub,
                        Mnemonic.And => ExecutionOperation.And,
                        Mnemonic.Or => ExecutionOperation.Or,
                        Mnemonic.Xor => ExecutionOperation.Xor,
                        Mnemonic.Cmp => ExecutionOperation.Cmp,
                        _ => ExecutionOperation.Test,
                    };
                    destination = builder.Operand(0, out size);
                    source = builder.Operand(1, out _, allowImmediate: true);
                    bool writes = operation is not (ExecutionOperation.Cmp or ExecutionOperation.Test);
                    cycles = MemoryCost(instruction, destination.IsMemory || source.IsMemory, writes && destination.IsMemory);
                    break;

                case Mnemonic.Inc or Mnemonic.Dec:
                    operation = instruction.Mnemonic == Mnemonic.Inc ? ExecutionOperation.Inc : ExecutionOperation.Dec;
                    destination = builder.Operand(0, out size);
                    cycles = MemoryCost(instruction, destination.IsMemory, destination.IsMemory);
                    break;

                case Mnemonic.Bt or Mnemonic.Bts or Mnemonic.Btr:
                    operation = instruction.Mnemonic switch
                    {
                        Mnemonic.Bt => ExecutionOperation.Bt,
                        Mnemonic.Bts => ExecutionOperation.Bts,
                        _ => ExecutionOperation.Btr,
                    };
                    destination = builder.Operand(0, out size);
                    source = builder.Operand(1, out _, allowImmediate: true);
                    if (instruction.HasLockPrefix)
                    {
                        cycles = _timing.LockedReadModifyWrite;
                    }
                    else if (!destination.IsMemory)
                    {
                        cycles = _timing.AluRegister;
                    }
                    else if (source.Kind == OperandKind.Register)
                    {
                        cycles = _timing.BitStringMemory;
                    }
                    else
                    {
                        cycles = operation == ExecutionOperation.Bt ? _timing.LoadOperate : _timing.ReadModifyWrite;
                    }

                    break;

                case Mnemonic.Xchg or Mnemonic.Xadd or Mnemonic.Cmpxchg:
                    operation = instruction.Mnemonic switch
                    {
                        Mnemonic.Xchg => ExecutionOperation.Xchg,
                        Mnemonic.Xadd => ExecutionOperation.Xadd,
                        _ => ExecutionOperation.Cmpxchg,
                    };
                    destination = builder.Operand(0, out size);
                    source = builder.Operand(1, out _);
                    if (source.IsMemory)
                    {
                        // XCHG r, m (the r, r/m encoding order): swap so the memory operand is the destination.
                        (destination, source) = (source, destination);
                    }

                    // XCHG with memory is locked whether or not the prefix is present (SDM Vol. 2B, XCHG).
                    bool locked = instruction.HasLockPrefix || (operation == ExecutionOperation.Xchg && destination.IsMemory);
                    cycles = locked ? _timing.LockedReadModifyWrite : destination.IsMemory ? _timing.ReadModifyWrite : _timing.ExchangeRegister;
                    break;

                case Mnemonic.Jmp:
                    operation = ExecutionOperation.Jmp;
                    branchTarget = builder.NearBranch(0);
                    cycles = _timing.Branch;
                    break;

                case Mnemonic.Call:
                    operation = ExecutionOperation.Call;
                    branchTarget = builder.NearBranch(0);
                    cycles = _timing.CallReturn;
                    break;

                case Mnemonic.Ret:
                    builder.Require(instruction.Code is Code.Retnq or Code.Retnq_imm16, "only the 64-bit near RET is supported");
                    operation = ExecutionOperation.Ret;
                    returnPop = instruction.Code == Code.Retnq_imm16 ? instruction.Immediate16 : 0UL;
                    cycles = _timing.CallReturn;
                    break;

                case Mnemonic.Syscall:
                    operation = ExecutionOperation.Syscall;
                    cycles = 0;
                    break;

                case Mnemonic.Uiret:
                    operation = ExecutionOperation.Uiret;
                    cycles = 0;
                    break;

                case Mnemonic.Clui:
                    operation = ExecutionOperation.Clui;
                    cycles = 0;
                    break;

                case Mnemonic.Stui:
                    operation = ExecutionOperation.Stui;
                    cycles = 0;
                    break;

                case Mnemonic.Testui:
                    operation = ExecutionOperation.Testui;
                    cycles = 0;
                    break;

                case Mnemonic.Senduipi:
                    operation = ExecutionOperation.Senduipi;
                    source = builder.Operand(0, out size);
                    builder.Require(size == 8 && source.Kind == OperandKind.Register, "SENDUIPI takes a 64-bit register");
                    cycles = 0;
                    break;

                default:
                    throw builder.Unsupported(null);
            }
        }

        if (destination.Kind == OperandKind.Immediate)
        {
            throw builder.Unsupported("immediate destination");
        }

        if (size != 0)
        {
            builder.Require(size is 4 or 8, "only 32- and 64-bit operand sizes are supported");
        }

        return new DecodedInstruction
        {
            Address = address,
            NextAddress = instruction.NextIP,
            Instruction = instruction,
            Operation = operation,
            OperandSize = size,
            Destination = destination,
            Source = source,
            IsLocked = instruction.HasLockPrefix,
            HasMemoryOperand = builder.HasMemory,
            MemoryBase = builder.MemoryBase,
            MemoryIndex = builder.MemoryIndex,
            MemoryScale = builder.MemoryScale,
            MemoryDisplacement = builder.MemoryDisplacement,
            AddressSize32 = builder.AddressSize32,
            Condition = instruction.ConditionCode,
            BranchTarget = branchTarget,
            ReturnPopBytes = returnPop,
            Cycles = cycles,
        };
    }

    private long MemoryCost(in Instruction instruction, bool readsMemory, bool writesMemory) =>
        instruction.HasLockPrefix ? _timing.LockedReadModifyWrite
        : writesMemory ? _timing.ReadModifyWrite
        : readsMemory ? _timing.LoadOperate
        : _timing.AluRegister;

    private UnsupportedInstructionException Unsupported(ulong address, in Instruction instruction, string? detail)
    {
        var bytes = new byte[instruction.Length];
        _memory.Read(address, bytes);
        return new UnsupportedInstructionException(address, bytes, instruction.ToString(), detail);
    }

    /// <summary>Turns Iced operands into <see cref="DecodedOperand"/>s and collects the memory operand.</summary>
    private sealed class OperandResolver
    {
        private readonly InstructionDecoder _owner;
        private readonly ulong _address;
        private readonly Instruction _instruction;

        public OperandResolver(InstructionDecoder owner, ulong address, in Instruction instruction)
        {
            _owner = owner;
            _address = address;
            _instruction = instruction;
        }

        public bool HasMemory { get; private set; }

        public int MemoryBase { get; private set; } = -1;

        public int MemoryIndex { get; private set; } = -1;

        public int MemoryScale { get; private set; } = 1;

        public ulong MemoryDisplacement { get; private set; }

        public bool AddressSize32 { get; private set; }

        public DecodedOperand Operand(int index, out int size, bool allowImmediate = false)
        {
            if (index >= _instruction.OpCount)
            {
                throw Unsupported("missing operand");
            }

            OpKind kind = _instruction.GetOpKind(index);
            switch (kind)
            {
                case OpKind.Register:
                    return DecodedOperand.FromRegister(GeneralRegister(_instruction.GetOpRegister(index), out size));

                case OpKind.Memory:
                    size = _instruction.MemorySize.GetSize();
                    ResolveMemory();
                    return DecodedOperand.Memory;

                case OpKind.Immediate8 or OpKind.Immediate16 or OpKind.Immediate32 or OpKind.Immediate64
                    or OpKind.Immediate8to16 or OpKind.Immediate8to32 or OpKind.Immediate8to64 or OpKind.Immediate32to64
                    when allowImmediate:
                    size = kind switch
                    {
                        OpKind.Immediate8 => 1,
                        OpKind.Immediate16 or OpKind.Immediate8to16 => 2,
                        OpKind.Immediate32 or OpKind.Immediate8to32 => 4,
                        _ => 8,
                    };

                    // GetImmediate sign-extends the imm8to32/imm8to64/imm32to64 forms as the SDM specifies.
                    return DecodedOperand.FromImmediate(_instruction.GetImmediate(index));

                default:
                    throw Unsupported($"operand kind {kind}");
            }
        }

        public void LeaAddress(int index)
        {
            Require(_instruction.GetOpKind(index) == OpKind.Memory, "LEA needs a memory operand");
            ResolveMemory();
        }

        public ulong NearBranch(int index)
        {
            Require(_instruction.GetOpKind(index) == OpKind.NearBranch64, "only relative branches are supported");
            return _instruction.NearBranch64;
        }

        public void Require(bool condition, string detail)
        {
            if (!condition)
            {
                throw Unsupported(detail);
            }
        }

        public UnsupportedInstructionException Unsupported(string? detail) => _owner.Unsupported(_address, _instruction, detail);

        private void ResolveMemory()
        {
            // FS/GS bases are not modelled; the other segment prefixes are ignored in 64-bit mode.
            Require(_instruction.SegmentPrefix is not (Register.FS or Register.GS), "FS/GS segment overrides are not modelled");
            HasMemory = true;
            if (_instruction.IsIPRelativeMemoryOperand)
            {
                MemoryDisplacement = _instruction.IPRelativeMemoryAddress;
                AddressSize32 = _instruction.MemoryBase == Register.EIP;
                return;
            }

            Register baseRegister = _instruction.MemoryBase;
            Register indexRegister = _instruction.MemoryIndex;
            bool baseIs32 = baseRegister.IsGPR32();
            bool indexIs32 = indexRegister.IsGPR32();
            AddressSize32 = baseIs32 || indexIs32;
            if (baseRegister != Register.None)
            {
                MemoryBase = GeneralRegister(baseRegister, out _);
            }

            if (indexRegister != Register.None)
            {
                MemoryIndex = GeneralRegister(indexRegister, out _);
                MemoryScale = _instruction.MemoryIndexScale;
            }

            MemoryDisplacement = AddressSize32 ? _instruction.MemoryDisplacement32 : _instruction.MemoryDisplacement64;
        }

        /// <summary>The GPR index (encoding order) of a 32- or 64-bit general register.</summary>
        private int GeneralRegister(Register register, out int size)
        {
            if (register.IsGPR64())
            {
                size = 8;
                return register - Register.RAX;
            }

            if (register.IsGPR32())
            {
                size = 4;
                return register - Register.EAX;
            }

            throw Unsupported($"register {register} (only 32- and 64-bit general registers are supported)");
        }
    }
}
