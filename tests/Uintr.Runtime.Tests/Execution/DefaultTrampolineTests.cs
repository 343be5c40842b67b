using System;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;

namespace Uintr.Runtime.Tests.Execution;

public sealed class DefaultTrampolineTests
{
    private const ulong HandlerAddress = ExecutionHarness.CodeBase + 0x100;
    private const ulong PendingWordAddress = ExecutionHarness.DataBase + 0x40;
    private const ulong StackAdjust = 128;

    /// <summary>The default trampoline; the pending word address is patched in at offset 9.</summary>
    private static byte[] DefaultTrampoline(ulong pendingWord)
    {
        byte[] code =
        {
            0x50,                                           // push rax
            0x51,                                           // push rcx
            0x48, 0x8B, 0x44, 0x24, 0x10,                   // mov rax,[rsp+10h]   (the vector)
            0x48, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,             // mov rcx,imm64       (pending word)
            0xF0, 0x48, 0x0F, 0xAB, 0x01,                   // lock bts [rcx],rax
            0x59,                                           // pop rcx
            0x58,                                           // pop rax
            0x48, 0x83, 0xC4, 0x08,                         // add rsp,8           (drop the vector)
            0xF3, 0x0F, 0x01, 0xEC,                         // uiret
        };
        BitConverter.TryWriteBytes(code.AsSpan(9, 8), pendingWord);
        return code;
    }

    /// <summary>User-interrupt delivery as docs/uintr-reference.md section 6 describes it (STACKADJUST = 128, bit 0 clear).</summary>
    private static void Deliver(SimulatedMemory memory, RegisterFile registers, int vector)
    {
        ulong oldRsp = registers.Rsp;
        ulong rsp = (oldRsp - StackAdjust) & ~0xFUL;
        void Push(ulong value)
        {
            rsp -= 8;
            memory.WriteUInt64(rsp, value);
        }

        Push(oldRsp);
        Push(registers.Rflags);
        Push(registers.Rip);
        Push((ulong)vector);
        registers.Rsp = rsp;
        registers.Rflags &= ~(Rflags.TF | Rflags.RF);
        registers.Rip = HandlerAddress;
    }

    [Fact]
    public void Every_register_and_the_flags_are_restored_and_the_pending_bit_is_set_for_random_states_and_all_vectors()
    {
        var machine = new ExecutionHarness();
        machine.Load(DefaultTrampoline(PendingWordAddress), HandlerAddress);
        var random = new Random(20261121);
        long runs = 0;

        for (int file = 0; file < 1000; file++)
        {
            var interrupted = new RegisterFile();
            interrupted.Randomize(random);
            // Any RSP in the stack region (any alignment), any canonical user RIP, random restorable flags (+ IF).
            interrupted.Rsp = ExecutionHarness.StackTop - 0x1000 + (ulong)random.Next(0, 0x800);
            interrupted.Rip = 0x0000_5555_0000_0000UL + (ulong)random.NextInt64(0, 1L << 32);
            interrupted.Rflags = RegisterFile.RflagsFixedBits | Rflags.IF | ((ulong)random.NextInt64() & Rflags.UiretMask);

            for (int vector = 0; vector < 64; vector++)
            {
                ulong pendingBefore = (ulong)random.NextInt64() & ~(1UL << vector);
                machine.Memory.WriteUInt64(PendingWordAddress, pendingBefore);
                machine.System.UserInterruptFlag = false;
                var registers = interrupted.Clone();
                Deliver(machine.Memory, registers, vector);

                var result = machine.Interpreter.Run(registers);
                runs++;

                Assert.Equal(StopReason.Uiret, result.StopReason);
                Assert.Equal(9, result.Instructions);
                if (!interrupted.Equals(registers))
                {
                    Assert.Fail($"register file {file}, vector {vector}: {registers.DescribeDifferences(interrupted)}");
                }

                Assert.Equal(pendingBefore | (1UL << vector), machine.Memory.ReadUInt64(PendingWordAddress));
                Assert.True(machine.System.UserInterruptFlag);
            }
        }

        Assert.Equal(64_000, runs);
    }

    [Fact]
    public void Trampoline_costs_the_sum_of_its_instruction_classes_plus_uiret()
    {
        var machine = new ExecutionHarness();
        machine.Load(DefaultTrampoline(PendingWordAddress), HandlerAddress);
        var registers = new RegisterFile { Rsp = ExecutionHarness.StackTop - 0x1000, Rip = 0x401000 };
        Deliver(machine.Memory, registers, 5);
        var timing = machine.Interpreter.Timing;

        var result = machine.Interpreter.Run(registers);

        long expected = (2 * timing.Push) + timing.Load + timing.AluRegister + timing.LockedReadModifyWrite
            + (2 * timing.Pop) + timing.AluRegister + RecordingSystemInstructions.UiretCycles;
        Assert.Equal(expected, result.Cycles);
    }

    [Fact]
    public void Trace_lists_each_instruction_with_address_bytes_text_and_cycles()
    {
        var machine = new ExecutionHarness();
        machine.Load(DefaultTrampoline(PendingWordAddress), HandlerAddress);
        var registers = new RegisterFile { Rsp = ExecutionHarness.StackTop - 0x1000, Rip = 0x401000 };
        Deliver(machine.Memory, registers, 63);
        var trace = new System.Collections.Generic.List<ExecutedInstruction>();
        machine.Interpreter.Trace = trace.Add;

        var result = machine.Interpreter.Run(registers);

        Assert.Equal(9, trace.Count);
        Assert.Equal(HandlerAddress, trace[0].Address);
        Assert.Equal("push rax", trace[0].Text);
        Assert.Equal(new byte[] { 0xF0, 0x48, 0x0F, 0xAB, 0x01 }, trace[4].Bytes.ToArray());
        Assert.Contains("lock bts", trace[4].Text);
        Assert.Equal(machine.Interpreter.Timing.LockedReadModifyWrite, trace[4].Cycles);
        Assert.Equal("uiret", trace[8].Text);
        long sum = 0;
        foreach (var entry in trace)
        {
            sum += entry.Cycles;
        }

        Assert.Equal(result.Cycles, sum);
    }

    [Fact]
    public void Rewritten_code_runs_after_the_decoded_cache_is_invalidated()
    {
        var machine = new ExecutionHarness();
        machine.Load(DefaultTrampoline(PendingWordAddress), HandlerAddress);
        var registers = new RegisterFile { Rsp = ExecutionHarness.StackTop - 0x1000, Rip = 0x401000 };
        Deliver(machine.Memory, registers, 1);
        machine.Interpreter.Run(registers);

        const ulong otherWord = PendingWordAddress + 8;
        machine.Load(DefaultTrampoline(otherWord), HandlerAddress);
        machine.Interpreter.InvalidateDecodedInstructions();
        Deliver(machine.Memory, registers, 2);
        machine.Interpreter.Run(registers);

        Assert.Equal(1UL << 2, machine.Memory.ReadUInt64(otherWord));
        Assert.Equal(1UL << 1, machine.Memory.ReadUInt64(PendingWordAddress));
    }
}
