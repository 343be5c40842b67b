using System.Collections.Generic;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>Futex ping-pong: each side sets a word and calls FUTEX_WAKE; the other side sleeps in FUTEX_WAIT on it.</summary>
internal sealed class FutexModel : IpcMechanismModel
{
    public FutexModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr)
    {
    }

    public override string Name => "Futex";

    public override string Protocol => "store the word, futex(FUTEX_WAKE); the peer returns from futex(FUTEX_WAIT)";

    public override string RfcBenchmarkDifference => "The RFC's table has no futex row; this is a reference point for the kernel wake-up path alone.";

    public override RoundTripBreakdown RoundTrip() => BothDirections(OneWay());

    private IEnumerable<CostComponent> OneWay()
    {
        yield return new("syscall entry (futex wake)", Kernel.SyscallEntryCycles, 1);
        yield return new("futex_wake", Kernel.FutexWakeCycles, 1);
        foreach (var step in WakeBlockedReceiver())
        {
            yield return step;
        }

        yield return new("futex_wait return", Kernel.FutexWaitReturnCycles, 1);
        yield return new("syscall exit (futex wait)", Kernel.SyscallExitCycles, 1);
    }
}
