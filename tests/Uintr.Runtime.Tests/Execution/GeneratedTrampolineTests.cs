using System;
using Uintr.Generators.Trampolines;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;

namespace Uintr.Runtime.Tests.Execution;

/// <summary>The generator's trampoline variants, built by its encoder and executed on the simulated core.</summary>
public sealed class GeneratedTrampolineTests
{
    private const ulong HandlerAddress = ExecutionHarness.CodeBase + 0x200;
    private const ulong PendingWord = ExecutionHarness.DataBase + 0x40;
    private const ulong CounterArray = ExecutionHarness.DataBase + 0x400;
    private const ulong WaiterWord = ExecutionHarness.DataBase + 0x80;

    public static TheoryData<int> Variants => new()
    {
        (int)TrampolineFlags.None,
        (int)TrampolineFlags.EndBranch,
        (int)TrampolineFlags.DeliveryCounters,
        (int)TrampolineFlags.WakeWaiter,
        (int)(TrampolineFlags.DeliveryCounters | TrampolineFlags.WakeWaiter | TrampolineFlags.EndBranch),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Generated_trampoline_restores_every_register_and_records_the_vector(int variant)
    {
        var flags = (TrampolineFlags)variant;
        var machine = new ExecutionHarness();
        machine.Load(Patched(TrampolineBuilder.Build(flags)), HandlerAddress);
        var random = new Random(7 + variant);

        for (int file = 0; file < 100; file++)
        {
            var interrupted = new RegisterFile();
            interrupted.Randomize(random);
            interrupted.Rsp = ExecutionHarness.StackTop - 0x1000 + (ulong)random.Next(0, 0x800);
            interrupted.Rip = 0x0000_5555_0000_0000UL + (ulong)random.NextInt64(0, 1L << 32);
            interrupted.Rflags = RegisterFile.RflagsFixedBits | Rflags.IF | ((ulong)random.NextInt64() & Rflags.UiretMask);

            for (int vector = 0; vector < 64; vector++)
            {
                machine.Memory.WriteUInt64(PendingWord, 0);
                machine.Memory.WriteUInt64(WaiterWord, 0);
                ulong counterBefore = machine.Memory.ReadUInt64(CounterArray + (8 * (ulong)vector));
                int syscallsBefore = machine.System.Syscalls.Count;
                var registers = interrupted.Clone();
                Deliver(machine.Memory, registers, vector);

                var result = machine.Interpreter.Run(registers);

                Assert.Equal(StopReason.Uiret, result.StopReason);
                if (!interrupted.Equals(registers))
                {
                    Assert.Fail($"{flags}, register file {file}, vector {vector}: {registers.DescribeDifferences(interrupted)}");
                }

                Assert.Equal(1UL << vector, machine.Memory.ReadUInt64(PendingWord));
                ulong counterAfter = machine.Memory.ReadUInt64(CounterArray + (8 * (ulong)vector));
                Assert.Equal((flags & TrampolineFlags.DeliveryCounters) != 0 ? counterBefore + 1 : counterBefore, counterAfter);
                if ((flags & TrampolineFlags.WakeWaiter) != 0)
                {
                    Assert.Equal(1UL, machine.Memory.ReadUInt64(WaiterWord) & 0xFFFF_FFFF);
                    Assert.Equal(syscallsBefore + 1, machine.System.Syscalls.Count);
                    var call = machine.System.Syscalls[^1];
                    Assert.Equal((TrampolineBuilder.FutexSyscallNumber, WaiterWord, TrampolineBuilder.FutexWakePrivate, 1UL), (call.Number, call.Arg0, call.Arg1, call.Arg2));
                }
                else
                {
                    Assert.Equal(syscallsBefore, machine.System.Syscalls.Count);
                }
            }
        }
    }

    private static byte[] Patched(TrampolineCode trampoline)
    {
        byte[] code = trampoline.Code.AsSpan().ToArray();
        foreach (var patch in trampoline.Patches)
        {
            ulong address = patch.Kind switch
            {
                TrampolinePatchSiteKind.PendingWordAddress => PendingWord,
                TrampolinePatchSiteKind.DeliveryCounterArrayAddress => CounterArray,
                TrampolinePatchSiteKind.WaiterWordAddress => WaiterWord,
                _ => throw new ArgumentOutOfRangeException(nameof(trampoline), patch.Kind, "unknown patch site"),
            };
            BitConverter.TryWriteBytes(code.AsSpan(patch.Offset, sizeof(ulong)), address);
        }

        return code;
    }

    /// <summary>Delivery per docs/uintr-reference.md section 6 with STACKADJUST = 128.</summary>
    private static void Deliver(SimulatedMemory memory, RegisterFile registers, int vector)
    {
        ulong rsp = (registers.Rsp - 128) & ~0xFUL;
        ulong[] frame = { registers.Rsp, registers.Rflags, registers.Rip, (ulong)vector };
        foreach (ulong value in frame)
        {
            rsp -= 8;
            memory.WriteUInt64(rsp, value);
        }

        registers.Rsp = rsp;
        registers.Rflags &= ~(Rflags.TF | Rflags.RF);
        registers.Rip = HandlerAddress;
    }
}
