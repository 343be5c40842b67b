using System.Collections.Generic;
using System.Linq;
using Iced.Intel;
using Uintr.Generators.Trampolines;

namespace Uintr.Generators.Tests.Trampolines;

public sealed class TrampolineVariantTests
{
    public static IEnumerable<object[]> AllFlags() =>
        Enumerable.Range(0, 16).Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(AllFlags))]
    public void Every_variant_decodes_saves_what_it_touches_and_ends_with_uiret(int flagBits)
    {
        var flags = (TrampolineFlags)flagBits;
        var code = TrampolineBuilder.Build(flags);
        var decoded = X86EncoderTests.AssertMatchesIced(code);

        Assert.Equal(flags, code.Flags);
        Assert.Equal(Mnemonic.Uiret, decoded[^1].Mnemonic);
        Assert.Equal("add rsp,8", code.Instructions[^2].Text);
        Assert.Equal((flags & TrampolineFlags.EndBranch) != 0, decoded[0].Mnemonic == Mnemonic.Endbr64);

        var pushes = decoded.Where(i => i.Mnemonic == Mnemonic.Push).Select(i => i.Op0Register).ToList();
        var pops = decoded.Where(i => i.Mnemonic == Mnemonic.Pop).Select(i => i.Op0Register).ToList();
        Assert.Equal(pushes.AsEnumerable().Reverse(), pops);

        // Everything written is saved: explicit destinations, 32-bit writes by their full register, and syscall's clobbers.
        var written = decoded
            .Where(i => i.Mnemonic == Mnemonic.Mov && i.Op0Kind == OpKind.Register)
            .Select(i => i.Op0Register.GetFullRegister())
            .Concat(decoded.Any(i => i.Mnemonic == Mnemonic.Syscall) ? new[] { Register.RAX, Register.RCX, Register.R11 } : new Register[0]);
        Assert.All(written, r => Assert.Contains(r, pushes));

        // The vector load reads the slot the CPU pushed, just above the saved registers.
        var load = decoded.First(i => i.Mnemonic == Mnemonic.Mov && i.Op1Kind == OpKind.Memory);
        Assert.Equal(Register.RSP, load.MemoryBase);
        Assert.Equal((ulong)(8 * pushes.Count), load.MemoryDisplacement64);
    }

    [Theory]
    [MemberData(nameof(AllFlags))]
    public void Patch_sites_are_the_imm64_of_mov_reg_imm64(int flagBits)
    {
        var flags = (TrampolineFlags)flagBits;
        var code = TrampolineBuilder.Build(flags);
        var movs = IcedDisassembly.Decode(code.Code).Where(d => d.Instruction.Code == Code.Mov_r64_imm64).ToList();

        Assert.Equal(movs.Count, code.Patches.Length);
        Assert.Equal(movs.Select(m => (int)m.Instruction.IP + m.Offsets.ImmediateOffset), code.Patches.Select(p => p.Offset));

        var expectedKinds = new List<TrampolinePatchSiteKind> { TrampolinePatchSiteKind.PendingWordAddress };
        if ((flags & TrampolineFlags.DeliveryCounters) != 0)
        {
            expectedKinds.Add(TrampolinePatchSiteKind.DeliveryCounterArrayAddress);
        }

        if ((flags & TrampolineFlags.WakeWaiter) != 0)
        {
            expectedKinds.Add(TrampolinePatchSiteKind.WaiterWordAddress);
        }

        Assert.Equal(expectedKinds, code.Patches.Select(p => p.Kind));
    }

    [Fact]
    public void Delivery_counters_increment_the_vector_slot_atomically()
    {
        var code = TrampolineBuilder.Build(TrampolineFlags.DeliveryCounters);
        var inc = IcedDisassembly.Decode(code.Code).Single(d => d.Instruction.Mnemonic == Mnemonic.Inc);

        Assert.Equal("lock inc qword ptr [rcx+rax*8]", inc.Text);
        Assert.True(inc.Instruction.HasLockPrefix);
    }

    [Fact]
    public void Wake_waiter_sets_the_word_and_calls_futex_wake()
    {
        var code = TrampolineBuilder.Build(TrampolineFlags.WakeWaiter);
        var texts = code.Instructions.Select(i => i.Text).ToList();

        int syscall = texts.IndexOf("syscall");
        Assert.True(syscall > 0);
        Assert.Equal(
            new[] { "mov rdi,0", "mov dword ptr [rdi],1", "mov eax,0CAh", "mov esi,81h", "mov edx,1", "syscall" },
            texts.Skip(syscall - 5).Take(6));
    }

    [Fact]
    public void Default_alternate_stack_and_endbranch_only_differ_by_the_endbr64_prologue()
    {
        byte[] none = TrampolineBuilder.Build(TrampolineFlags.None).Code.ToArray();
        Assert.Equal(none, TrampolineBuilder.Build(TrampolineFlags.AlternateStack).Code.ToArray());
        Assert.Equal(new byte[] { 0xF3, 0x0F, 0x1E, 0xFA }.Concat(none).ToArray(), TrampolineBuilder.Build(TrampolineFlags.EndBranch).Code.ToArray());
    }
}
