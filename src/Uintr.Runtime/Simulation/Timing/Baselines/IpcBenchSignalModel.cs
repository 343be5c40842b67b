using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// The signal ping-pong exactly as the RFC's benchmark (goldsborough/ipc-bench, forked by intel/uintr-ipc-bench) does
/// it: kill(0, SIGUSR1/2) to the whole process group, the receiver blocked in sigwait() on the blocked signal, so no
/// handler frame and no sigreturn. Models the RFC's protocol, to separate protocol from platform in the comparison.
/// </summary>
internal sealed class IpcBenchSignalModel : IpcMechanismModel
{
    /// <summary>Group members other than the receiver that the signal reaches and that ignore it (the parent and the sender).</summary>
    private const int IgnoringGroupMembers = 2;

    public IpcBenchSignalModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Signal, as benchmarked (kill(0) + sigwait)";

    public override string Protocol => "kill(0, SIGUSR1); the peer returns from sigwait() with the signal blocked";

    public override string RfcBenchmarkDifference => "This is the RFC benchmark's own protocol (processes not pinned there, pinned here).";

    public override RoundTripBreakdown RoundTrip() => BothDirections(SignalOneWay());

    /// <summary>The one-way signal path, also used by <see cref="IpcBenchPipeModel"/>.</summary>
    internal IEnumerable<CostComponent> SignalOneWay()
    {
        yield return new("syscall entry (kill)", Kernel.SyscallEntryCycles, 1);
        yield return new("signal generation (receiver)", Kernel.SignalGenerationCycles, 1);
        yield return new("signal dropped by ignoring group members", Kernel.SignalIgnoredCycles, IgnoringGroupMembers);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("rt_sigtimedwait return (dequeue, siginfo)", Kernel.SigtimedwaitReturnCycles, 1);
        yield return new("syscall exit (sigwait)", Kernel.SyscallExitCycles, 1);
    }
}
