using System;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Hosting;

/// <summary>A simulated process started by <see cref="UintrSimulator.StartProcess"/>: its own fd table, tasks and UITTs.</summary>
internal sealed class SimulatedChildProcess(SimulationHost host, SimProcess process) : UintrChildProcess
{
    private int? _exitCode;

    public SimProcess Process => process;

    public override int Id => process.Pid;

    public override bool HasExited => process.Exited;

    public override int ExitCode => process.Exited && _exitCode is { } code
        ? code
        : throw new InvalidOperationException($"Simulated process {process.Pid} ('{process.Name}') has not exited.");

    public override bool WaitForExit(TimeSpan? timeout = null)
    {
        long? deadline = timeout is { } span ? host.Now + host.Platform.ToCycles(span) : null;
        return host.SpinUntil(host.Current(), () => process.Exited, deadline);
    }

    /// <summary>The body returned (0) or threw (1; the exception is printed, as .NET prints an unhandled one).</summary>
    public void SetExitCode(int code) => _exitCode = code;

    public override string ToString() => $"simulated process {process.Pid} ('{process.Name}')";
}

/// <summary>Inherited fds of a simulated process: numbers in its own fd table, at the parent's numbers.</summary>
internal sealed class SimulatedInheritance(SimulationHost host, SimProcess process) : IInheritanceBackend
{
    public UintrFd MakeFd(int number)
    {
        host.CurrentIn(process, $"inherited fd {number}");
        if (!process.TryGetFile(number, out var file) || file is not UintrFile uintr)
        {
            throw new UintrException(Errno.EBADF, "inherit", $"inherited fd {number} is not an open uintr fd of {process.Name}");
        }

        return new SimulatedFd(host, process, number, uintr.Vector);
    }

    public UintrSocket MakeSocket(int number)
    {
        host.CurrentIn(process, $"inherited fd {number}");
        return new SimulatedSocket(host, process, number);
    }

    public Microsoft.Win32.SafeHandles.SafeFileHandle MakeHandle(int number) =>
        throw new NotSupportedException("Simulated processes inherit uintr fds and sockets only.");

    public void Close(int number)
    {
        if (!process.Exited && process.HasFd(number))
        {
            host.Syscall("close", t => host.Machine.Kernel.Close(process == t.Task.Process ? t.Task : process.Tasks[0], number));
        }
    }
}
