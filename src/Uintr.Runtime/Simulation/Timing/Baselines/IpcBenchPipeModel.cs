using System.Collections.Generic;
using System.Linq;

namespace Uintr.Simulation.Timing.Baselines;

/// <summary>
/// The pipe ping-pong exactly as the RFC's benchmark (goldsborough/ipc-bench) does it: one pipe; the server writes and
/// announces the message with kill(0, SIGUSR2), the client wakes in sigwait(), reads (the data is already there, so the
/// read does not block) and answers with kill(0, SIGUSR1). A round trip is a signal round trip plus one pipe write and
/// one pipe read on the critical path.
/// </summary>
internal sealed class IpcBenchPipeModel : IpcMechanismModel
{
    private readonly IpcBenchSignalModel _signal;

    public IpcBenchPipeModel(KernelTiming kernel, UintrTiming uintr)
        : base(kernel, uintr) => _signal = new IpcBenchSignalModel(kernel, uintr);

    public override string Name => "Pipe, as benchmarked (pipe + kill/sigwait)";

    public override string Protocol => "write(pipe, 1 byte); kill(0, SIGUSR2); the peer returns from sigwait(), read(pipe), kill(0, SIGUSR1)";

    public override string RfcBenchmarkDifference => "This is the RFC benchmark's own protocol (processes not pinned there, pinned here).";

    public override RoundTripBreakdown RoundTrip() =>
        new(Name, Write().Concat(_signal.SignalRoundTrip()).Concat(Read()));

    private IEnumerable<CostComponent> Write()
    {
        yield return new("syscall entry (write)", Kernel.SyscallEntryCycles, 1);
        yield return new("copy_from_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        yield return new("pipe_write (no waiter to wake)", Kernel.PipeWriteCycles, 1);
        yield return new("syscall exit (write)", Kernel.SyscallExitCycles, 1);
    }

    private IEnumerable<CostComponent> Read()
    {
        yield return new("syscall entry (read)", Kernel.SyscallEntryCycles, 1);
        yield return new("pipe_read (data present)", Kernel.PipeReadCycles, 1);
        yield return new("copy_to_user (1 byte)", Kernel.SmallUserCopyCycles, 1);
        yield return new("syscall exit (read)", Kernel.SyscallExitCycles, 1);
    }
}
