using System;
using System.Linq;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// Wait(Block) over a uintr_wait that has a timer: uintr-next sleeps at most the usec it is given (at most 10^9 us,
/// arch/x86/kernel/uintr.c at fed8dc12), RFC v1 at most 100 us (arch/x86/kernel/uintr_fd.c at 2100ffbe). The runtime
/// waits again after a 0 return until an interrupt or its own deadline ends the wait.
/// </summary>
public class HostedWaitTimerTests
{
    private static int UintrWaitCalls(UintrSimulator sim) =>
        sim.Trace.Count(e => e.Kind == SimulationEventKind.Syscall && e.Detail.StartsWith("uintr_wait", StringComparison.Ordinal));

    [Fact]
    public void uintr_next_Wait_Block_without_a_timeout_waits_again_when_the_1000_s_timer_expires()
    {
        // The program runs 1500 simulated seconds, past the default time limit of one minute.
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext, RecordTrace = true, TimeLimit = TimeSpan.FromSeconds(2000) });
        var receiver = new TestReceiver(3);
        UintrFd? fd = null;
        int ran = -1;
        long wokeAt = 0;

        var rx = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            fd = r.GetFd(3);
            ran = r.Wait(UintrWaitMode.Block);
            wokeAt = sim.GetTimestamp();
        });
        var tx = sim.StartThread("tx", () =>
        {
            sim.SpinUntil(() => fd is not null);
            using var s = sim.RegisterSender(fd!);
            sim.SpinUntil(() => false, TimeSpan.FromSeconds(1500));
            s.Send();
        });
        rx.Join();
        tx.Join();

        Assert.Equal(1, ran);
        Assert.True(wokeAt >= 1500 * sim.TimestampFrequency, $"woke at cycle {wokeAt}");
        Assert.Equal(2, UintrWaitCalls(sim));   // the first ended by its 10^9 us timer with 0
    }

    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void Wait_Block_with_a_timeout_and_no_sender_returns_0_at_the_deadline(KernelAbi abi)
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = abi });
        var receiver = new TestReceiver(3);
        int ran = -1;
        long waited = 0;

        sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            long start = sim.GetTimestamp();
            ran = r.Wait(UintrWaitMode.Block, TimeSpan.FromMilliseconds(3));
            waited = sim.GetTimestamp() - start;
        }).Join();

        Assert.Equal(0, ran);
        long deadline = 3 * sim.TimestampFrequency / 1000;
        Assert.InRange(waited, deadline, deadline + (sim.TimestampFrequency / 100_000));
    }

    [Theory]
    [InlineData(KernelAbi.RfcV1)]
    [InlineData(KernelAbi.UintrNext)]
    public void Wait_Block_without_a_timeout_and_without_senders_is_still_reported_as_a_deadlock(KernelAbi abi)
    {
        var sim = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = abi });
        var receiver = new TestReceiver(3);
        Exception? caught = null;

        var thread = sim.StartThread("rx", () =>
        {
            using var r = receiver.Register(sim);
            caught = Record.Exception(() => r.Wait(UintrWaitMode.Block));
        });

        Assert.Throws<InvalidOperationException>(thread.Join);
        thread.Join();
        var deadlock = Assert.IsType<InvalidOperationException>(caught);
        Assert.Contains("deadlock", deadlock.Message, StringComparison.Ordinal);
    }
}
