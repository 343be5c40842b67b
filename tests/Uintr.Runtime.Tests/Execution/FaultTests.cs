using Uintr;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Execution;

public sealed class FaultTests
{
    private const ulong Unmapped = 0x0000_1234_0000_0000;

    [Fact]
    public void Load_from_unmapped_memory_page_faults_and_leaves_rip_on_the_instruction()
    {
        var machine = new ExecutionHarness().Load(a => a.mov(rax, __qword_ptr[rbx]));
        machine.Registers[Gpr.Rbx] = Unmapped;
        machine.Registers[Gpr.Rax] = 17;

        var fault = Assert.Throws<PageFaultException>(() => machine.RunToEnd());

        Assert.Equal(Unmapped, fault.Address);
        Assert.Equal(ExecutionHarness.CodeBase, machine.Registers.Rip);
        Assert.Equal(17UL, machine.Registers[Gpr.Rax]);
    }

    [Fact]
    public void Push_onto_an_unmapped_stack_page_faults_without_moving_rsp()
    {
        var machine = new ExecutionHarness().Load(a => a.push(rax));
        machine.Registers.Rsp = Unmapped + 8;

        Assert.Throws<PageFaultException>(() => machine.RunToEnd());

        Assert.Equal(Unmapped + 8, machine.Registers.Rsp);
    }

    [Fact]
    public void Fetch_from_unmapped_code_page_faults()
    {
        var machine = new ExecutionHarness();
        machine.Registers.Rip = Unmapped;

        var fault = Assert.Throws<PageFaultException>(() => machine.Interpreter.Run(machine.Registers));

        Assert.Equal(Unmapped, fault.Address);
    }

    [Fact]
    public void Unsupported_instruction_names_its_text_address_and_bytes()
    {
        var machine = new ExecutionHarness().Load(a =>
        {
            a.nop();
            a.cpuid();
        });

        var error = Assert.Throws<UnsupportedInstructionException>(() => machine.RunToEnd());

        Assert.Equal("cpuid", error.Instruction);
        Assert.Equal(ExecutionHarness.CodeBase + 1, error.Address);
        Assert.Equal(new byte[] { 0x0F, 0xA2 }, error.Bytes);
        Assert.Contains("cpuid", error.Message);
        Assert.Contains("0000000000400001", error.Message);
        Assert.Contains("0FA2", error.Message);
        Assert.Equal(ExecutionHarness.CodeBase + 1, machine.Registers.Rip);
    }

    [Fact]
    public void Sse_8_and_16_bit_forms_and_indirect_jumps_are_unsupported_rather_than_skipped()
    {
        var sse = new ExecutionHarness().Load(a => a.movaps(xmm0, xmm1));
        Assert.Contains("movaps", Assert.Throws<UnsupportedInstructionException>(() => sse.RunToEnd()).Instruction);

        var word = new ExecutionHarness().Load(a => a.add(ax, bx));
        Assert.Contains("add ax,bx", Assert.Throws<UnsupportedInstructionException>(() => word.RunToEnd()).Instruction);

        var byteStore = new ExecutionHarness().Load(a => a.mov(__byte_ptr[rdi], 1));
        Assert.Contains("byte ptr", Assert.Throws<UnsupportedInstructionException>(() => byteStore.RunToEnd()).Instruction);

        var indirect = new ExecutionHarness().Load(a => a.jmp(rax));
        Assert.Throws<UnsupportedInstructionException>(() => indirect.RunToEnd());
    }

    [Theory]
    [InlineData(new byte[] { 0xF0, 0x48, 0x0F, 0xAB, 0xC1 }, "register destination")] // lock bts rcx,rax
    [InlineData(new byte[] { 0xF0, 0x48, 0xFF, 0xC0 }, "register destination")]       // lock inc rax
    [InlineData(new byte[] { 0xF0, 0x48, 0x01, 0xC8 }, "register destination")]       // lock add rax,rcx
    [InlineData(new byte[] { 0xF0, 0x48, 0x89, 0x01 }, "not allowed on MOV")]          // lock mov [rcx],rax
    [InlineData(new byte[] { 0xF0, 0x48, 0x39, 0x01 }, "not allowed on CMP")]          // lock cmp [rcx],rax
    [InlineData(new byte[] { 0xF0, 0x48, 0x0F, 0xA3, 0x01 }, "not allowed on BT")]     // lock bt [rcx],rax
    [InlineData(new byte[] { 0xF0, 0x90 }, "LOCK")]                                    // lock nop
    public void Lock_prefix_where_the_sdm_forbids_it_raises_invalid_opcode(byte[] code, string reason)
    {
        var machine = new ExecutionHarness().Load(code);
        machine.Registers[Gpr.Rcx] = ExecutionHarness.DataBase;

        var fault = Assert.Throws<ArchitecturalFault>(() => machine.RunToEnd());

        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
        Assert.Contains(reason, fault.Reason);
        Assert.Equal(ExecutionHarness.CodeBase, machine.Registers.Rip);
        Assert.Equal(0UL, machine.Memory.ReadUInt64(ExecutionHarness.DataBase));
    }

    [Fact]
    public void Undefined_opcode_raises_invalid_opcode()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0x0F, 0x0B }); // ud2 decodes fine but is not supported...
        Assert.Throws<UnsupportedInstructionException>(() => machine.RunToEnd());

        var invalid = new ExecutionHarness().Load(new byte[] { 0x06 }); // PUSH ES does not exist in 64-bit mode
        var fault = Assert.Throws<ArchitecturalFault>(() => invalid.RunToEnd());
        Assert.Equal(UintrFault.InvalidOpcode, fault.Fault);
    }

    [Fact]
    public void Exhausted_instruction_budget_names_the_address_and_the_budget()
    {
        var machine = new ExecutionHarness().Load(new byte[] { 0x90, 0xEB, 0xFE }); // nop; jmp $

        var error = Assert.Throws<InstructionBudgetExceededException>(() => machine.Interpreter.Run(machine.Registers, 100));

        Assert.Equal(100, error.Budget);
        Assert.Equal(ExecutionHarness.CodeBase + 1, error.Address);
        Assert.Contains("100", error.Message);
        Assert.Contains("0000000000400001", error.Message);
    }
}
