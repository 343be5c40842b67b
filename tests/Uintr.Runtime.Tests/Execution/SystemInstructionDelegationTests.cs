using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class SystemInstructionDelegationTests
{
    [Fact]
    public void Clui_stui_testui_senduipi_and_syscall_reach_the_system_layer_with_their_operands_and_cycles()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.clui();
            a.stui();
            a.testui();
            a.mov(r9d, 5);
            a.senduipi(r9);
            a.mov(eax, 0x1D8);
            a.syscall();
        });
        machine.Registers[Gpr.Rax] = 0;
        var timing = machine.Interpreter.Timing;

        var result = machine.RunToEnd();

        Assert.Equal(new[] { "CLUI", "STUI", "TESTUI", "SENDUIPI", "SYSCALL" }, machine.System.Calls);
        Assert.Equal(new[] { 5UL }, machine.System.SentIndices);
        Assert.Equal(Rflags.CF, machine.StatusFlags & Rflags.CF); // TESTUI after STUI: CF = UIF = 1
        Assert.Equal(machine.CodeEnd, machine.System.RipSeenBySyscall);
        Assert.Equal(machine.CodeEnd, machine.Registers[Gpr.Rcx]);
        long expected = RecordingSystemInstructions.CluiCycles + RecordingSystemInstructions.StuiCycles
            + RecordingSystemInstructions.TestuiCycles + RecordingSystemInstructions.SenduipiCycles
            + RecordingSystemInstructions.SyscallCycles + (2 * timing.AluRegister);
        Assert.Equal(expected, result.Cycles);
        Assert.Equal(7, result.Instructions);
    }

    [Fact]
    public void Senduipi_with_rax_uses_the_reference_encoding()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0xF3, 0x0F, 0xC7, 0xF0 }); // senduipi rax
        machine.Registers[Gpr.Rax] = 0x1_0000_0002;

        machine.RunToEnd();

        Assert.Equal(new[] { 0x1_0000_0002UL }, machine.System.SentIndices);
    }

    [Fact]
    public void Uiret_ends_the_run_and_the_system_layer_supplies_the_new_rip()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0xF3, 0x0F, 0x01, 0xEC });
        ulong rsp = machine.Registers.Rsp;
        machine.Memory.WriteUInt64(rsp, 0x7777_0000);
        machine.Memory.WriteUInt64(rsp + 8, RegisterFile.RflagsFixedBits | Rflags.ZF);
        machine.Memory.WriteUInt64(rsp + 16, rsp + 0x40);

        var result = machine.Interpreter.Run(machine.Registers);

        Assert.Equal(StopReason.Uiret, result.StopReason);
        Assert.Equal(1, result.Instructions);
        Assert.Equal(RecordingSystemInstructions.UiretCycles, result.Cycles);
        Assert.Equal(0x7777_0000UL, machine.Registers.Rip);
        Assert.Equal(rsp + 0x40, machine.Registers.Rsp);
        Assert.Equal(Rflags.ZF, machine.StatusFlags);
    }

    [Fact]
    public void A_fault_in_a_delegated_instruction_leaves_rip_on_it()
    {
        var memory = new SimulatedMemory();
        memory.Map(ExecutionHarness.CodeBase, 0x1000);
        memory.Write(ExecutionHarness.CodeBase, new byte[] { 0xF3, 0x0F, 0x01, 0xED }); // testui
        var interpreter = new X86Interpreter(memory, new FaultingSystemInstructions());
        var registers = new RegisterFile { Rip = ExecutionHarness.CodeBase };

        var fault = Assert.Throws<ArchitecturalFault>(() => interpreter.Run(registers, 10));

        Assert.Equal(Uintr.UintrFault.InvalidOpcode, fault.Fault);
        Assert.Equal(ExecutionHarness.CodeBase, registers.Rip);
    }

    [Fact]
    public void Custom_timing_changes_the_charged_cycles()
    {
        var timing = new Uintr.Simulation.Timing.InstructionTiming { Push = 3, Pop = 7, Pause = 40 };
        var machine = new ExecutionHarness(timing).Load(a =>
        {
            a.push(rax);
            a.pause();
            a.pop(rax);
        });

        var result = machine.RunToEnd();

        Assert.Equal(3 + 40 + 7, result.Cycles);
    }

    private sealed class FaultingSystemInstructions : ISystemInstructions
    {
        public long Uiret(RegisterFile registers) => throw Fault("UIRET");

        public long Clui() => throw Fault("CLUI");

        public long Stui() => throw Fault("STUI");

        public long Testui(RegisterFile registers) => throw Fault("TESTUI");

        public long Senduipi(ulong index) => throw Fault("SENDUIPI");

        public long Syscall(RegisterFile registers) => throw Fault("SYSCALL");

        private static ArchitecturalFault Fault(string instruction) => ArchitecturalFault.InvalidOpcode(instruction, "CR4.UINTR = 0");
    }
}
