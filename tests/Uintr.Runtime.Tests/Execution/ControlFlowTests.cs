using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class ControlFlowTests
{
    /// <summary>
    /// jcc +7 (to "mov eax,1"); mov eax,2; jmp +5 (to the end); mov eax,1. EAX says which way it went.
    /// </summary>
    private static byte[] ConditionProbe(byte jccOpcode) => new byte[]
    {
        jccOpcode, 0x07,
        0xB8, 0x02, 0x00, 0x00, 0x00,
        0xEB, 0x05,
        0xB8, 0x01, 0x00, 0x00, 0x00,
    };

    [Theory]
    [InlineData(0x70, Rflags.OF, true)]
    [InlineData(0x70, 0UL, false)]
    [InlineData(0x71, 0UL, true)]
    [InlineData(0x71, Rflags.OF, false)]
    [InlineData(0x72, Rflags.CF, true)]
    [InlineData(0x72, Rflags.ZF, false)]
    [InlineData(0x73, Rflags.ZF, true)]
    [InlineData(0x73, Rflags.CF, false)]
    [InlineData(0x74, Rflags.ZF, true)]
    [InlineData(0x74, Rflags.CF | Rflags.SF, false)]
    [InlineData(0x75, 0UL, true)]
    [InlineData(0x75, Rflags.ZF, false)]
    [InlineData(0x76, Rflags.ZF, true)]
    [InlineData(0x76, Rflags.CF, true)]
    [InlineData(0x76, Rflags.SF, false)]
    [InlineData(0x77, Rflags.SF | Rflags.OF, true)]
    [InlineData(0x77, Rflags.ZF, false)]
    [InlineData(0x77, Rflags.CF, false)]
    [InlineData(0x78, Rflags.SF, true)]
    [InlineData(0x78, 0UL, false)]
    [InlineData(0x79, 0UL, true)]
    [InlineData(0x79, Rflags.SF, false)]
    [InlineData(0x7A, Rflags.PF, true)]
    [InlineData(0x7A, 0UL, false)]
    [InlineData(0x7B, 0UL, true)]
    [InlineData(0x7B, Rflags.PF, false)]
    [InlineData(0x7C, Rflags.SF, true)]
    [InlineData(0x7C, Rflags.OF, true)]
    [InlineData(0x7C, Rflags.SF | Rflags.OF, false)]
    [InlineData(0x7D, Rflags.SF | Rflags.OF, true)]
    [InlineData(0x7D, Rflags.SF, false)]
    [InlineData(0x7E, Rflags.ZF | Rflags.SF | Rflags.OF, true)]
    [InlineData(0x7E, Rflags.OF, true)]
    [InlineData(0x7E, Rflags.SF | Rflags.OF, false)]
    [InlineData(0x7F, 0UL, true)]
    [InlineData(0x7F, Rflags.ZF, false)]
    [InlineData(0x7F, Rflags.SF, false)]
    public void Jcc_rel8_is_taken_exactly_when_its_condition_holds(byte opcode, ulong flags, bool taken)
    {
        var machine = new ExecutionHarness().Load(ConditionProbe(opcode));
        machine.Registers.Rflags = RegisterFile.RflagsFixedBits | flags;

        var result = machine.RunToEnd();

        Assert.Equal(taken ? 1UL : 2UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(taken ? 2 : 3, result.Instructions);
    }

    [Fact]
    public void Jcc_rel32_taken_and_not_taken()
    {
        // jne rel32 +5 (over "mov eax,2"); mov eax,2; then "mov ecx,3" always runs.
        byte[] code = { 0x0F, 0x85, 0x05, 0x00, 0x00, 0x00, 0xB8, 0x02, 0x00, 0x00, 0x00, 0xB9, 0x03, 0x00, 0x00, 0x00 };

        var taken = new ExecutionHarness().Load(code);
        taken.RunToEnd();
        Assert.Equal(0UL, taken.Registers[Gpr.Rax]);
        Assert.Equal(3UL, taken.Registers[Gpr.Rcx]);

        var notTaken = new ExecutionHarness().Load(code);
        notTaken.Registers.Rflags |= Rflags.ZF;
        notTaken.RunToEnd();
        Assert.Equal(2UL, notTaken.Registers[Gpr.Rax]);
        Assert.Equal(3UL, notTaken.Registers[Gpr.Rcx]);
    }

    [Fact]
    public void A_counted_loop_runs_the_expected_number_of_iterations()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            var top = a.CreateLabel();
            a.mov(ecx, 10);
            a.xor(eax, eax);
            a.Label(ref top);
            a.add(rax, 3);
            a.dec(rcx);
            a.jne(top);
        });

        var result = machine.RunToEnd();

        Assert.Equal(30UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(2 + (10 * 3), result.Instructions);
    }

    [Fact]
    public void Call_pushes_the_return_address_and_ret_pops_it()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            var function = a.CreateLabel();
            var end = a.CreateLabel();
            a.call(function);
            a.mov(ecx, 1);
            a.jmp(end);
            a.Label(ref function);
            a.mov(edx, 2);
            a.ret();
            a.Label(ref end);
            a.nop();
        });
        ulong rsp = machine.Registers.Rsp;

        machine.RunToEnd();

        Assert.Equal(1UL, machine.Registers[Gpr.Rcx]);
        Assert.Equal(2UL, machine.Registers[Gpr.Rdx]);
        Assert.Equal(rsp, machine.Registers.Rsp);
        Assert.Equal(ExecutionHarness.CodeBase + 5, machine.Memory.ReadUInt64(rsp - 8)); // CALL rel32 is 5 bytes
    }

    [Fact]
    public void Ret_to_a_sentinel_address_stops_the_run()
    {
        const ulong sentinel = 0xDEAD_0000;
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(eax, 7);
            a.ret();
        });
        machine.Registers.Rsp -= 8;
        machine.Memory.WriteUInt64(machine.Registers.Rsp, sentinel);

        var result = machine.Interpreter.Run(machine.Registers, new ExecutionLimits(100, StopAddress: sentinel));

        Assert.Equal(StopReason.StopAddress, result.StopReason);
        Assert.Equal(2, result.Instructions);
        Assert.Equal(sentinel, machine.Registers.Rip);
        Assert.Equal(7UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Ret_imm16_releases_extra_stack()
    {
        var machine = new ExecutionHarness().Load(a => a.ret(16));
        ulong rsp = machine.Registers.Rsp;
        machine.Memory.WriteUInt64(rsp, 0xBEEF);

        var result = machine.Interpreter.Run(machine.Registers, new ExecutionLimits(10, StopAddress: 0xBEEF));

        Assert.Equal(StopReason.StopAddress, result.StopReason);
        Assert.Equal(rsp + 24, machine.Registers.Rsp);
    }

    [Fact]
    public void A_budget_that_returns_instead_of_throwing_single_steps()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.mov(eax, 1);
            a.mov(ecx, 2);
        });
        var oneStep = new ExecutionLimits(1, StopAddress: machine.CodeEnd, ReturnWhenBudgetExhausted: true);

        var first = machine.Interpreter.Run(machine.Registers, oneStep);
        Assert.Equal(StopReason.InstructionBudget, first.StopReason);
        Assert.Equal(1, first.Instructions);
        Assert.Equal(1UL, machine.Registers[Gpr.Rax]);
        Assert.Equal(0UL, machine.Registers[Gpr.Rcx]);

        // Reaching the stop address after the last instruction wins over the exhausted budget.
        var second = machine.Interpreter.Run(machine.Registers, oneStep);
        Assert.Equal(StopReason.StopAddress, second.StopReason);
        Assert.Equal(1, second.Instructions);
        Assert.Equal(2UL, machine.Registers[Gpr.Rcx]);
    }
}
