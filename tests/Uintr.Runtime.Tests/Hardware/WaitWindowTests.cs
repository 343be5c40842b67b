using System;
using System.Linq;
using Iced.Intel;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// The wait window's stubs hold no UINTR instruction, so they run natively here: the wait stub with a harmless system
/// call (getpid), and the handler entry stub behind a harness that builds the frame the CPU would push.
/// </summary>
[Collection(NativeMappingCollection.Name)]
public sealed unsafe class WaitWindowTests
{
    private const long Getpid = 39;

    [Fact]
    public void The_wait_stub_makes_the_call_only_while_nothing_is_pending()
    {
        ulong pending = 0;

        long pid = WaitWindow.Shared.Call(&pending, Getpid);
        pending = 1UL << 40;
        long aborted = WaitWindow.Shared.Call(&pending, Getpid);

        Assert.Equal(Environment.ProcessId, pid);
        Assert.Equal(WaitWindow.Aborted, aborted);
    }

    [Fact]
    public void The_wait_stub_passes_four_arguments_in_the_kernels_registers()
    {
        ulong pending = 0;
        long* timespec = stackalloc long[2];
        timespec[0] = 0;
        timespec[1] = 1000;

        // futex(&pending, FUTEX_WAIT_PRIVATE, 1, 1 us): the word is 0, not 1, so the kernel answers EAGAIN at once.
        long result = WaitWindow.Shared.Call(&pending, Futex.SyscallNumber, (nint)(&pending), Futex.WaitPrivate, 1, (nint)timespec);

        Assert.Equal(-11, result);
    }

    [Fact]
    public void The_window_ends_at_the_syscall_instruction_and_the_abort_label_returns_eintr()
    {
        var instructions = Decode(WaitWindow.WaitStub.ToArray(), 0);

        Assert.Equal(Mnemonic.Syscall, instructions.Single(i => (int)i.IP == WaitWindow.SyscallOffset).Mnemonic);
        var abort = instructions.Single(i => (int)i.IP == WaitWindow.AbortOffset);
        Assert.Equal(Mnemonic.Mov, abort.Mnemonic);
        Assert.Equal(-4, abort.Immediate32to64);
        Assert.Equal((ulong)WaitWindow.AbortOffset, instructions.Single(i => i.Mnemonic == Mnemonic.Jne).NearBranchTarget);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(8, true)]
    [InlineData(WaitWindow.SyscallOffset, true)]
    [InlineData(WaitWindow.SyscallOffset + 2, false)]
    [InlineData(WaitWindow.AbortOffset, false)]
    [InlineData(4096, false)]
    public void The_entry_stub_moves_an_interrupted_rip_inside_the_window_to_the_abort_label(int offset, bool moved)
    {
        ulong window = (ulong)WaitWindow.Shared.Address;
        ulong interrupted = window + (ulong)(long)offset;

        ulong resumed = RunEntryStub(interrupted, vector: 7, out ulong vectorSeen);

        Assert.Equal(moved ? window + WaitWindow.AbortOffset : interrupted, resumed);
        Assert.Equal(7UL, vectorSeen);
    }

    // harness(rip, vector, &seen): push rip; push vector; jmp entry. The stand-in trampoline after the entry stub stores
    // the vector through RDX and returns the (possibly rewritten) RIP in RAX to the harness's caller.
    private static ulong RunEntryStub(ulong interrupted, ulong vector, out ulong vectorSeen)
    {
        byte[] entry = WaitWindow.BuildEntryStub((ulong)WaitWindow.Shared.Address);
        byte[] trampoline = [0x59, 0x48, 0x89, 0x0A, 0x58, 0xC3];            // pop rcx; mov [rdx], rcx; pop rax; ret
        byte[] harness = [0x57, 0x56, 0xE9, 0, 0, 0, 0];                     // push rdi; push rsi; jmp entry
        int harnessOffset = entry.Length + 16;
        var code = new byte[harnessOffset + harness.Length];
        entry.CopyTo(code, 0);
        trampoline.CopyTo(code, entry.Length);
        harness.CopyTo(code, harnessOffset);
        BitConverter.TryWriteBytes(code.AsSpan(harnessOffset + 3), -(harnessOffset + harness.Length));
        using var page = ExecutablePage.Seal(code);
        ulong rdx = 0;
        ulong rip = ((delegate* unmanaged<ulong, ulong, ulong*, ulong>)(page.Address + harnessOffset))(interrupted, vector, &rdx);
        vectorSeen = rdx;
        return rip;
    }

    private static System.Collections.Generic.List<Instruction> Decode(byte[] code, ulong ip)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code));
        decoder.IP = ip;
        var list = new System.Collections.Generic.List<Instruction>();
        while (decoder.IP < ip + (ulong)code.Length)
        {
            list.Add(decoder.Decode());
        }

        return list;
    }
}
