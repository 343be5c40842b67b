using System.Linq;
using Iced.Intel;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Tests.Trampolines;

public sealed class DefaultTrampolineTests
{
    private static readonly TrampolineCode s_code = TrampolineBuilder.Build(TrampolineFlags.None);

    [Fact]
    public void Bytes_are_the_documented_sequence()
    {
        byte[] expected =
        {
            0x50,
            0x51,
            0x48, 0x8B, 0x44, 0x24, 0x10,
            0x48, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,
            0xF0, 0x48, 0x0F, 0xAB, 0x01,
            0x59,
            0x58,
            0x48, 0x83, 0xC4, 0x08,
            0xF3, 0x0F, 0x01, 0xEC,
        };

        Assert.Equal(IcedDisassembly.Format(expected), IcedDisassembly.Format(s_code.Code));
    }

    [Fact]
    public void Recorded_disassembly_matches_iced_instruction_by_instruction()
    {
        var decoded = IcedDisassembly.Decode(s_code.Code);

        Assert.Equal(s_code.Instructions.Length, decoded.Count);
        for (int i = 0; i < decoded.Count; i++)
        {
            var recorded = s_code.Instructions[i];
            Assert.Equal((int)decoded[i].Instruction.IP, recorded.Offset);
            Assert.Equal(decoded[i].Instruction.Length, recorded.Length);
            Assert.Equal(decoded[i].Text, recorded.Text);
        }
    }

    [Fact]
    public void Instructions_have_the_expected_mnemonics_and_operands()
    {
        var decoded = IcedDisassembly.Decode(s_code.Code).Select(d => d.Instruction).ToList();

        Assert.Equal(
            new[] { Mnemonic.Push, Mnemonic.Push, Mnemonic.Mov, Mnemonic.Mov, Mnemonic.Bts, Mnemonic.Pop, Mnemonic.Pop, Mnemonic.Add, Mnemonic.Uiret },
            decoded.Select(i => i.Mnemonic));
        Assert.Equal(
            new[] { "push rax", "push rcx", "mov rax,[rsp+10h]", "mov rcx,0", "lock bts [rcx],rax", "pop rcx", "pop rax", "add rsp,8", "uiret" },
            s_code.Instructions.Select(i => i.Text));

        // The vector is read from just above the two saved registers.
        Assert.Equal(Register.RAX, decoded[2].Op0Register);
        Assert.Equal(Register.RSP, decoded[2].MemoryBase);
        Assert.Equal(0x10UL, decoded[2].MemoryDisplacement64);

        // pending |= 1 << vector, atomically.
        Assert.True(decoded[4].HasLockPrefix);
        Assert.Equal(Register.RCX, decoded[4].MemoryBase);
        Assert.Equal(Register.RAX, decoded[4].Op1Register);

        // The vector is dropped before UIRET.
        Assert.Equal(Register.RSP, decoded[7].Op0Register);
        Assert.Equal(8UL, decoded[7].GetImmediate(1));
    }

    [Fact]
    public void The_patch_site_is_the_imm64_of_mov_rcx()
    {
        var patch = Assert.Single(s_code.Patches);
        Assert.Equal(new TrampolinePatchSite(TrampolinePatchSiteKind.PendingWordAddress, 9), patch);

        var (instruction, _, offsets) = IcedDisassembly.Decode(s_code.Code).Single(d => d.Instruction.Code == Code.Mov_r64_imm64);
        Assert.Equal(Register.RCX, instruction.Op0Register);
        Assert.Equal(8, offsets.ImmediateSize);
        Assert.Equal(patch.Offset, (int)instruction.IP + offsets.ImmediateOffset);
        Assert.All(s_code.Code.Skip(patch.Offset).Take(8), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Every_saved_register_is_restored_in_reverse_order()
    {
        var decoded = IcedDisassembly.Decode(s_code.Code).Select(d => d.Instruction).ToList();
        var pushes = decoded.Where(i => i.Mnemonic == Mnemonic.Push).Select(i => i.Op0Register).ToList();
        var pops = decoded.Where(i => i.Mnemonic == Mnemonic.Pop).Select(i => i.Op0Register).ToList();

        Assert.Equal(pushes.AsEnumerable().Reverse(), pops);

        var written = decoded.Where(i => i.Mnemonic == Mnemonic.Mov).Select(i => i.Op0Register);
        Assert.All(written, r => Assert.Contains(r, pushes));
    }
}
