using System.Collections.Generic;
using System.Linq;
using Iced.Intel;
using Uintr.Generators.Trampolines;
using MemoryOperand = Uintr.Generators.Trampolines.MemoryOperand;

namespace Uintr.Generators.Tests.Trampolines;

public sealed class X86EncoderTests
{
    public static IEnumerable<object[]> MemoryOperands()
    {
        var displacements = new[] { 0, 8, -8, 0x7F, -0x80, 0x80, 0x1234, -0x1000 };
        foreach (Register64 @base in System.Enum.GetValues<Register64>())
        {
            foreach (int displacement in displacements)
            {
                yield return new object[] { (int)@base, -1, 1, displacement };
            }
        }

        foreach (var index in new[] { Register64.Rax, Register64.Rbp, Register64.R8, Register64.R12, Register64.R13, Register64.R15 })
        {
            foreach (int scale in new[] { 1, 2, 4, 8 })
            {
                yield return new object[] { (int)Register64.Rcx, (int)index, scale, 0 };
                yield return new object[] { (int)Register64.R13, (int)index, scale, 0x10 };
                yield return new object[] { (int)Register64.Rsp, (int)index, scale, -0x200 };
            }
        }
    }

    [Theory]
    [MemberData(nameof(MemoryOperands))]
    public void Memory_operands_encode_what_they_say(int baseNumber, int indexNumber, int scale, int displacement)
    {
        var @base = (Register64)baseNumber;
        Register64? index = indexNumber < 0 ? null : (Register64)indexNumber;
        var memory = index is { } i ? MemoryOperand.Indexed(@base, i, scale, displacement) : MemoryOperand.At(@base, displacement);

        foreach (var destination in new[] { Register64.Rax, Register64.R9 })
        {
            var code = new X86Encoder().MovLoad(destination, memory).LockBts(memory, destination).LockIncQword(memory).ToCode(TrampolineFlags.None);
            var decoded = AssertMatchesIced(code);

            Assert.All(decoded, d =>
            {
                Assert.Equal(ToIced(@base), d.MemoryBase);
                Assert.Equal(index is { } ix ? ToIced(ix) : Register.None, d.MemoryIndex);
                Assert.Equal(index is null ? 1 : scale, d.MemoryIndexScale);
                Assert.Equal((ulong)(long)displacement, d.MemoryDisplacement64);
            });
            Assert.Equal(ToIced(destination), decoded[0].Op0Register);
            Assert.Equal(ToIced(destination), decoded[1].Op1Register);
        }
    }

    [Fact]
    public void Every_register_pushes_pops_and_loads_immediates()
    {
        var encoder = new X86Encoder();
        foreach (Register64 register in System.Enum.GetValues<Register64>())
        {
            encoder.Push(register).Pop(register).MovImmediate64(register, 0x1122334455667788).AddImmediate8(register, 8).AddImmediate8(register, -8);
        }

        foreach (Register32 register in System.Enum.GetValues<Register32>())
        {
            encoder.MovImmediate32(register, 0xCA).MovImmediate32(register, 7).MovStoreImmediate32(MemoryOperand.At(Register64.Rdi), 1);
        }

        var decoded = AssertMatchesIced(encoder.Syscall().Endbr64().Uiret().ToCode(TrampolineFlags.None));
        Assert.Equal(new[] { Mnemonic.Syscall, Mnemonic.Endbr64, Mnemonic.Uiret }, decoded.TakeLast(3).Select(i => i.Mnemonic));
    }

    [Fact]
    public void Patched_immediates_are_zero_and_recorded()
    {
        var code = new X86Encoder()
            .Push(Register64.Rax)
            .MovImmediate64(Register64.R10, 0xFFFF, TrampolinePatchSiteKind.DeliveryCounterArrayAddress)
            .ToCode(TrampolineFlags.None);

        Assert.Equal(new TrampolinePatchSite(TrampolinePatchSiteKind.DeliveryCounterArrayAddress, 3), Assert.Single(code.Patches));
        Assert.Equal("mov r10,0", code.Instructions[1].Text);
        AssertMatchesIced(code);
    }

    internal static List<Instruction> AssertMatchesIced(TrampolineCode code)
    {
        var decoded = IcedDisassembly.Decode(code.Code);
        Assert.Equal(code.Instructions.Length, decoded.Count);
        for (int i = 0; i < decoded.Count; i++)
        {
            Assert.False(decoded[i].Instruction.IsInvalid, $"Instruction {i} does not decode.");
            Assert.Equal(decoded[i].Text, code.Instructions[i].Text);
            Assert.Equal((int)decoded[i].Instruction.IP, code.Instructions[i].Offset);
            Assert.Equal(decoded[i].Instruction.Length, code.Instructions[i].Length);
        }

        return decoded.Select(d => d.Instruction).ToList();
    }

    private static Register ToIced(Register64 register) => Register.RAX + (int)register;
}
