using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// Signal ping-pong: tgkill to the peer thread, which sleeps in sigsuspend with the signal unblocked; the kernel sets up
/// the handler frame on its way back to user mode, the handler stores a flag and returns through rt_sigreturn.
/// </summary>
internal sealed class SignalModel : IpcMechanismModel
{
    public SignalModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Signal";

    public override string Protocol => "tgkill(peer, SIGUSR1); the peer wakes in sigsuspend, runs the handler, rt_sigreturn";

    public override string RfcBenchmarkDifference =>
        "The RFC's signal benchmark (goldsborough/ipc-bench) sends with kill(0, SIGUSR1/2) to the whole process group and " +
        "receives with sigwait() on a blocked signal (no handler frame); the processes are not pinned.";

    /// <summary>
    /// One signal to a receiver that is running in user space: the IPI kicks it, delivery happens on the interrupt's
    /// return to user mode. Compared with the xUI paper's 2.4 us per signal as a cross-check of the components.
    /// </summary>
    public RoundTripBreakdown SignalToRunningReceiver() => new("Signal to a running receiver", ToRunningReceiver());

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("syscall entry (tgkill)", Kernel.SyscallEntryCycles, 1);
        yield return new("signal generation", Kernel.SignalGenerationCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        foreach (var step in HandlerAndReturn(exitToHandler: true))
        {
            yield return step;
        }
    }

    private IEnumerable<CostComponent> ToRunningReceiver()
    {
        yield return new("syscall entry (tgkill)", Kernel.SyscallEntryCycles, 1);
        yield return new("signal generation", Kernel.SignalGenerationCycles, 1);
        yield return new("kernel IPI send (kick_process)", Kernel.KernelIpiSendCycles, 1);
        yield return new("IPI flight", Uintr.IpiFlightCycles, 1);
        yield return new("kernel IPI receive path", Kernel.KernelIpiReceiveCycles, 1);

        // The interrupt's own return to user mode is part of the receive path; no separate syscall exit.
        foreach (var step in HandlerAndReturn(exitToHandler: false))
        {
            yield return step;
        }
    }

    private IEnumerable<CostComponent> HandlerAndReturn(bool exitToHandler)
    {
        yield return new("get_signal + setup_rt_frame (XSAVE)", Kernel.SignalFrameSetupCycles, 1);
        if (exitToHandler)
        {
            yield return new("syscall exit into the handler", Kernel.SyscallExitCycles, 1);
        }

        yield return new("signal handler", Kernel.SignalHandlerCycles, 1);
        yield return new("syscall entry (rt_sigreturn)", Kernel.SyscallEntryCycles, 1);
        yield return new("rt_sigreturn (XRSTOR)", Kernel.SigreturnCycles, 1);
        yield return new("syscall exit (rt_sigreturn)", Kernel.SyscallExitCycles, 1);
    }
}
