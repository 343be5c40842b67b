using System.Collections.Generic;
using System.Linq;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// The signal ping-pong exactly as the RFC's benchmark does it (goldsborough/ipc-bench, which intel/uintr-ipc-bench
/// forked: source/signal/server.c and client.c at 6f12633d, common/signals.c at 104e79c7, common/process.c at 4b336f93):
/// three processes in one process group (the parent, then the server, then the client, each forked and exec'd), each
/// message a kill(0, SIGUSR1/2) to the whole group, the receiver blocked in sigwait() on that signal. The signal a
/// process does not wait for is not ignored: setup_ignored_signals installs an empty handler for it, so every group
/// member gets it queued and the parent, asleep in waitpid, is woken by every message.
/// </summary>
/// <remarks>
/// kill(0) walks the group's task list, which the kernel extends at its head (attach_pid uses hlist_add_head_rcu): the
/// newest member comes first, so the client, then the server, then the parent. Server to client, the receiver is the
/// first member signalled; client to server, the client first queues the signal to itself (its own empty handler runs
/// when kill returns, off the critical path) and then wakes the server. The parent's wake-up comes after the receiver's
/// in both directions and runs on the sender's core, off the critical path.
/// </remarks>
internal sealed class IpcBenchSignalModel : IpcMechanismModel
{
    public IpcBenchSignalModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Signal, as benchmarked (kill(0) + sigwait)";

    public override string Protocol => "kill(0, SIGUSR1/2) to the process group; the peer returns from sigwait() with the signal blocked";

    public override string RfcBenchmarkDifference => "This is the RFC benchmark's own protocol (processes not pinned there, pinned here).";

    public override RoundTripBreakdown RoundTrip() => new(Name, SignalRoundTrip());

    /// <summary>The critical path of one signal round trip (both directions), also used by <see cref="IpcBenchPipeModel"/>.</summary>
    internal IEnumerable<CostComponent> SignalRoundTrip() =>
        Merge(OneWay(signalsItselfFirst: false).Concat(OneWay(signalsItselfFirst: true)));

    /// <param name="signalsItselfFirst">
    /// Whether the sender comes before the receiver in the group's list (the client answering the server), so that its
    /// own copy of the signal is generated on the critical path.
    /// </param>
    private IEnumerable<CostComponent> OneWay(bool signalsItselfFirst)
    {
        yield return new("syscall entry (kill)", Kernel.SyscallEntryCycles, 1);
        if (signalsItselfFirst)
        {
            yield return new("signal generation (sender's own copy: empty handler)", Kernel.SignalGenerationCycles, 1);
        }

        yield return new("signal generation (receiver)", Kernel.SignalGenerationCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("rt_sigtimedwait return (dequeue, siginfo)", Kernel.SigtimedwaitReturnCycles, 1);
        yield return new("syscall exit (sigwait)", Kernel.SyscallExitCycles, 1);
    }

    /// <summary>Components of the same name and cost added up, in the order they first appear.</summary>
    private static IEnumerable<CostComponent> Merge(IEnumerable<CostComponent> components) =>
        components.GroupBy(c => (c.Name, c.CyclesEach)).Select(g => g.First() with { Count = g.Sum(c => c.Count) });
}
