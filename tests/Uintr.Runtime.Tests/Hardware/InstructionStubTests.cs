using System.Collections.Generic;
using System.IO;
using System.Linq;
using Iced.Intel;
using Uintr.Hardware;
using static Iced.Intel.AssemblerRegisters;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>The stub bytes are decoded (never executed: this CPU has no UINTR and would raise #UD).</summary>
[Collection(NativeMappingCollection.Name)]
public sealed class InstructionStubTests
{
    private static List<Instruction> Decode(int offset, int count)
    {
        var code = UintrInstructionStubs.Code.ToArray();
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code, offset, code.Length - offset));
        decoder.IP = (ulong)offset;
        var instructions = new List<Instruction>();
        for (int i = 0; i < count; i++)
        {
            decoder.Decode(out var instruction);
            Assert.False(instruction.IsInvalid, $"invalid instruction at {instruction.IP:x}");
            instructions.Add(instruction);
        }

        return instructions;
    }

    private static byte[] Assemble(System.Action<Assembler> build)
    {
        var assembler = new Assembler(64);
        build(assembler);
        using var stream = new MemoryStream();
        assembler.Assemble(new StreamCodeWriter(stream), 0);
        return stream.ToArray();
    }

    [Fact]
    public void SendUipiStubIsSenduipiRdiThenRet()
    {
        var instructions = Decode(UintrInstructionStubs.SendUipiOffset, 2);

        Assert.Equal(Mnemonic.Senduipi, instructions[0].Mnemonic);
        Assert.Equal(Register.RDI, instructions[0].Op0Register);
        Assert.Equal(Mnemonic.Ret, instructions[1].Mnemonic);
        Assert.Equal(Assemble(a => { a.senduipi(rdi); a.ret(); }), UintrInstructionStubs.Code.Slice(UintrInstructionStubs.SendUipiOffset, 5).ToArray());
    }

    [Fact]
    public void SenduipiRaxIsTheReferenceEncoding()
    {
        // docs/uintr-reference.md section 4: with RAX, F3 0F C7 F0; the stub uses the RDI form (ModRM rm = 111).
        Assert.Equal(new byte[] { 0xF3, 0x0F, 0xC7, 0xF0 }, Assemble(a => a.senduipi(rax)));
        Assert.Equal(new byte[] { 0xF3, 0x0F, 0xC7, 0xF7 }, Assemble(a => a.senduipi(rdi)));
    }

    [Fact]
    public void CluiAndStuiStubsAreTheInstructionThenRet()
    {
        var clui = Decode(UintrInstructionStubs.CluiOffset, 2);
        var stui = Decode(UintrInstructionStubs.StuiOffset, 2);

        Assert.Equal([Mnemonic.Clui, Mnemonic.Ret], clui.Select(i => i.Mnemonic));
        Assert.Equal([Mnemonic.Stui, Mnemonic.Ret], stui.Select(i => i.Mnemonic));
        Assert.Equal(Assemble(a => { a.clui(); a.ret(); }), UintrInstructionStubs.Code.Slice(UintrInstructionStubs.CluiOffset, 5).ToArray());
        Assert.Equal(Assemble(a => { a.stui(); a.ret(); }), UintrInstructionStubs.Code.Slice(UintrInstructionStubs.StuiOffset, 5).ToArray());
    }

    [Fact]
    public void TestuiStubReturnsTheCarryFlagInEax()
    {
        var instructions = Decode(UintrInstructionStubs.TestuiOffset, 4);

        Assert.Equal([Mnemonic.Testui, Mnemonic.Setb, Mnemonic.Movzx, Mnemonic.Ret], instructions.Select(i => i.Mnemonic));
        Assert.Equal(Register.AL, instructions[1].Op0Register);
        Assert.Equal(Register.EAX, instructions[2].Op0Register);
        Assert.Equal(Register.AL, instructions[2].Op1Register);
    }

    [Fact]
    public void StubsSitOnSixteenByteBoundariesPaddedWithInt3()
    {
        var code = UintrInstructionStubs.Code.ToArray();
        int[] ends = [5, 16 + 5, 32 + 5, 48 + 11];

        Assert.Equal(64, code.Length);
        foreach (int end in ends)
        {
            int next = (end + 15) / 16 * 16;
            Assert.All(code[end..next], b => Assert.Equal(0xCC, b));
        }
    }
}
