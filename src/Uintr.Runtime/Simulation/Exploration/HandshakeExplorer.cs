using System;
using System.Threading;
using Uintr.CompilerServices;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Exploration;

/// <summary>
/// The hosted half of the explorer: random handshakes between two simulated threads written against the public API, as
/// an application writes them, on either kernel ABI. The receiver first blocks in uintr_wait while the sender
/// registers (the process's first sender), and at the end sends to itself. The sender does <c>Send()</c> and then <c>SpinUntil(() =&gt; handled &gt;= i, timeout)</c>;
/// the receiver loops <c>handled += Poll()</c>. Seeds vary the timing jitter, the round count and the time-out. Its
/// oracle: a spinning thread sees another thread's write within a bounded number of cycles, as a spinning core sees a
/// store (<see cref="ViolationKind.SpinSawLate"/>), never only at its deadline; and a thread's Send works whatever the thread was doing when its process got its UITT
/// (<see cref="ViolationKind.SendFaulted"/>). Every time-out is short, so a model
/// that livelocks still ends each schedule.
/// </summary>
internal sealed class HandshakeExplorer
{
    /// <summary>The bound on the cycles from the write that makes a SpinUntil condition true to SpinUntil returning.</summary>
    public const long ObserveBoundCycles = 20_000;

    private const int Vector = 3;
    private static readonly TimeSpan[] Timeouts = { TimeSpan.FromMicroseconds(20), TimeSpan.FromMicroseconds(50), TimeSpan.FromMicroseconds(100) };

    private readonly PlantedBugs _plantedBugs;

    public HandshakeExplorer(PlantedBugs plantedBugs = PlantedBugs.None) => _plantedBugs = plantedBugs;

    /// <summary>Runs <paramref name="schedules"/> handshakes with seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, ...</summary>
    public ExplorationSummary Explore(int schedules, int firstSeed = 0, ExplorationSummary? summary = null)
    {
        summary ??= new ExplorationSummary();
        for (int i = 0; i < schedules; i++)
        {
            RunSchedule(firstSeed + i, summary);
        }

        return summary;
    }

    /// <summary>Runs handshakes from <paramref name="firstSeed"/> until one breaks an invariant, at most <paramref name="maxSchedules"/>.</summary>
    public (ExplorationViolation Violation, int Schedules)? FirstViolation(int maxSchedules, int firstSeed = 0) =>
        ExplorationSummary.FirstViolation(RunSchedule, maxSchedules, firstSeed);

    public void RunSchedule(int seed, ExplorationSummary summary)
    {
        var random = new Random(seed);
        int rounds = 2 + random.Next(4);
        var timeout = Timeouts[random.Next(Timeouts.Length)];
        var abi = random.Next(2) == 0 ? KernelAbi.RfcV1 : KernelAbi.UintrNext;
        var sim = UintrPlatform.Simulator(new SimulatorOptions { Seed = seed, TimingJitter = 0.05 * random.Next(3), KernelAbi = abi, PlantedBugs = _plantedBugs });
        var definition = new UserInterruptReceiverDefinition("Exploration.HandshakeReceiver", 1UL << Vector, DefaultTrampoline.Image, _ => { });
        UintrFd? fd = null;
        int handled = 0;
        long lastWrite = 0;
        bool done = false;
        summary.Schedules++;

        var rx = sim.StartThread("rx", () =>
        {
            using var receiver = UserInterruptRegistration.Register(sim, definition);
            fd = receiver.GetFd(Vector);

            // Blocked in uintr_wait while the process gets its first sender: on uintr-next that creates the process's UITT
            // while this thread's state is an XSAVE image.
            int woken = receiver.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(1));
            if (woken > 0)
            {
                handled += woken;
                lastWrite = sim.GetTimestamp();
                summary.Deliveries += woken;
            }

            while (!Volatile.Read(ref done))
            {
                int polled = receiver.Poll();
                if (polled > 0)
                {
                    handled += polled;
                    lastWrite = sim.GetTimestamp();
                    summary.Deliveries += polled;
                }
            }

            // Now this thread sends too (to itself): its SENDUIPI must work whatever it was doing when the UITT was made.
            try
            {
                using var self = sim.RegisterSender(fd!);
                self.Send();
            }
            catch (UintrFaultException fault)
            {
                summary.Add(new ExplorationViolation(seed, ViolationKind.SendFaulted, Vector, sim.GetTimestamp(),
                    $"{abi}: the receiver thread's first Send faulted ({fault.Message}) after it was blocked in uintr_wait when its process got its first sender"));
            }
        });
        var tx = sim.StartThread("tx", () =>
        {
            while (!sim.SpinUntil(() => fd is not null, timeout))
            {
                // Every spin has a deadline, so a model whose spinners go blind still ends the schedule.
            }
            using var sender = sim.RegisterSender(fd!);
            for (int i = 1; i <= rounds; i++)
            {
                sender.Send();
                summary.Sends++;
                int expected = i;
                bool seen = sim.SpinUntil(() => handled >= expected, timeout);
                long now = sim.GetTimestamp();
                if (seen && now - lastWrite > ObserveBoundCycles)
                {
                    summary.Add(new ExplorationViolation(seed, ViolationKind.SpinSawLate, Vector, now,
                        $"SpinUntil returned {now - lastWrite} cycles after the write that made its condition true (time-out {timeout.TotalMicroseconds} us)"));
                }
                else if (!seen)
                {
                    summary.Add(new ExplorationViolation(seed, ViolationKind.LostInterrupt, Vector, now,
                        $"round {i}: the send was not handled within {timeout.TotalMicroseconds} us"));
                }
            }

            Volatile.Write(ref done, true);
        });
        tx.Join();
        rx.Join();
    }
}
