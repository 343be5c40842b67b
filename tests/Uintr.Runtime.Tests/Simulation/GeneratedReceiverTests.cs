using System;
using System.Linq;
using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>Receivers emitted by the real generator, run on the simulator.</summary>
[Collection(nameof(GeneratedReceiverTests))]
public class GeneratedReceiverTests
{
    [Fact]
    public void The_README_example_runs()
    {
        var platform = UintrPlatform.Simulator();
        ReadmeDoorbell.Rings = 0;
        platform.StartThread("receiver", () =>
        {
            using var receiver = ReadmeDoorbell.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(3));
            sender.Send();
            receiver.Wait(UintrWaitMode.Spin);
        }).Join();

        Assert.Equal(1, ReadmeDoorbell.Rings);
    }

    [Fact]
    public void The_generated_trampoline_preserves_1000_random_interrupted_contexts_and_sets_the_pending_bit()
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Seed = 42 });
        var random = new Random(1234);
        EveryVector.Handled.Clear();
        var sent = new int[1000];

        sim.StartThread("receiver", () =>
        {
            using var receiver = EveryVector.RegisterUserInterrupts(sim);
            Assert.Equal(ulong.MaxValue, receiver.Vectors);
            var senders = Enumerable.Range(0, 64).Select(v => sim.RegisterSender(receiver.GetFd(v))).ToArray();
            var registers = sim.Host.Current().Core.Cpu.Registers;
            for (int i = 0; i < sent.Length; i++)
            {
                // A fresh interrupted context each time: random GPRs, status flags and stack depth.
                registers.Randomize(random);
                registers.Rsp = (registers.Rsp & ~0xFFFUL) | ((ulong)random.Next(0x100, 0x1000) & ~7UL);
                registers.Rflags = RegisterFile.RflagsFixedBits | Rflags.IF | ((ulong)random.Next() & Rflags.Status);
                var before = registers.Clone();
                sent[i] = random.Next(64);

                senders[sent[i]].Send();
                Assert.Equal(1, receiver.Wait(UintrWaitMode.Spin));

                // The machine compares the context after UIRET with the one before delivery at every delivery and
                // throws on a difference; check again here, and that the handler saw the vector's pending bit.
                Assert.True(registers.Equals(before), registers.DescribeDifferences(before));
            }

            foreach (var s in senders)
            {
                s.Dispose();
            }
        }).Join();

        Assert.Equal(sent, EveryVector.Handled);
        Assert.Equal(1000, sim.Statistics.Deliveries);
    }

    [Fact]
    public void Generated_dispatch_runs_pending_handlers_highest_vector_first()
    {
        var sim = UintrPlatform.Simulator();
        EveryVector.Handled.Clear();
        int[] vectors = { 5, 63, 0, 17, 42 };
        sim.StartThread("receiver", () =>
        {
            using var receiver = EveryVector.RegisterUserInterrupts(sim);
            var senders = vectors.Select(v => sim.RegisterSender(receiver.GetFd(v))).ToArray();
            foreach (var s in senders)
            {
                s.Send();
            }

            sim.SpinUntil(() => false, TimeSpan.FromMicroseconds(10));
            Assert.Equal(vectors.Length, receiver.Poll());
            foreach (var s in senders)
            {
                s.Dispose();
            }
        }).Join();

        Assert.Equal(vectors.OrderByDescending(v => v), EveryVector.Handled);
    }
}
