namespace Uintr.Simulation.Timing;

/// <summary>
/// Cycle cost of each class of ordinary instruction the execution layer runs (trampolines).
/// The model is serial: it charges every instruction its cost in turn, as if nothing overlapped,
/// which slightly over-estimates a short trampoline on an out-of-order core. The UINTR and
/// kernel instructions (UIRET, CLUI, STUI, TESTUI, SENDUIPI, SYSCALL) are not here: the
/// architecture and kernel layers charge them.
/// Defaults are for Sapphire Rapids (Golden Cove cores); every figure names its source, and
/// figures no measurement pins down are marked as estimates.
/// </summary>
internal sealed class InstructionTiming
{
    /// <summary>The Sapphire Rapids defaults.</summary>
    public static InstructionTiming SapphireRapids { get; } = new();

    /// <summary>
    /// NOP, multi-byte NOP, ENDBR64. Estimate: they retire without executing, but a serial model
    /// still gives them their issue slot.
    /// </summary>
    public long Nop { get; init; } = 1;

    /// <summary>
    /// Register-only integer ALU work and register moves (ADD/SUB/AND/OR/XOR/CMP/TEST/INC/DEC/BT*
    /// on registers, MOV r, r/imm). uops.info, Alder Lake-P (Golden Cove): latency 1 for
    /// ADD r64, r64 and BT/BTS r64, r64.
    /// </summary>
    public long AluRegister { get; init; } = 1;

    /// <summary>LEA. uops.info, Alder Lake-P: 1 cycle for base+displacement forms; scaled-index forms may take 2 (estimate: 1).</summary>
    public long Lea { get; init; } = 1;

    /// <summary>
    /// A load into a register (MOV r, m). L1D load-to-use latency of Golden Cove, 5 cycles
    /// (docs/uintr-reference.md section 10 gives "about 5-6" for POP, which is the same load).
    /// </summary>
    public long Load { get; init; } = 5;

    /// <summary>A store (MOV m, r/imm). Estimate: one cycle of store-port throughput; a store's latency is hidden by the store buffer.</summary>
    public long Store { get; init; } = 1;

    /// <summary>A load feeding an ALU operation (ADD r, m; CMP/TEST/BT m, ...): <see cref="Load"/> + 1. Estimate.</summary>
    public long LoadOperate { get; init; } = 6;

    /// <summary>
    /// A non-locked read-modify-write on memory (ADD m, r; INC m; BTS m, imm8; XADD/CMPXCHG m without
    /// LOCK): load + ALU, the store retires through the store buffer. Estimate: 6.
    /// </summary>
    public long ReadModifyWrite { get; init; } = 6;

    /// <summary>
    /// BT/BTS/BTR with a register bit offset on memory (the bit-string form, microcoded: about 10
    /// uops on recent Intel cores per uops.info). Estimate: 10.
    /// </summary>
    public long BitStringMemory { get; init; } = 10;

    /// <summary>
    /// A LOCK-prefixed read-modify-write on memory (LOCK BTS/BTR/INC/DEC/ADD/SUB/AND/OR/XOR/XADD/CMPXCHG)
    /// and XCHG with memory (implicitly locked). uops.info, LOCK CMPXCHG m64, r64 on Alder Lake-P
    /// (Golden Cove): memory-to-memory latency 19, measured throughput 19.0 cycles. Other locked
    /// read-modify-writes are taken to cost the same (estimate; Agner Fog lists them within a few
    /// cycles of each other on Intel big cores).
    /// </summary>
    public long LockedReadModifyWrite { get; init; } = 19;

    /// <summary>XCHG/XADD/CMPXCHG between registers. Estimate from uops.info (2-3 uops, latency about 2 on Golden Cove).</summary>
    public long ExchangeRegister { get; init; } = 2;

    /// <summary>PUSH r64/imm. docs/uintr-reference.md section 10 (LLVM SPR model): one store, 2 uops; not on a latency chain, so 1 cycle.</summary>
    public long Push { get; init; } = 1;

    /// <summary>POP r64. docs/uintr-reference.md section 10 (LLVM SPR model): load latency about 5-6; 5 taken.</summary>
    public long Pop { get; init; } = 5;

    /// <summary>Jcc (taken or not) and JMP rel, correctly predicted. Estimate: 1 (Golden Cove sustains one taken branch per cycle).</summary>
    public long Branch { get; init; } = 1;

    /// <summary>CALL rel32 and RET (a push or pop plus a predicted branch). Estimate: 2.</summary>
    public long CallReturn { get; init; } = 2;

    /// <summary>
    /// PAUSE. Intel's optimization manual: about 140 cycles since Skylake (up from about 10);
    /// Golden Cove / Sapphire Rapids keep the long PAUSE (taken as 140, an estimate for SPR).
    /// </summary>
    public long Pause { get; init; } = 140;
}
