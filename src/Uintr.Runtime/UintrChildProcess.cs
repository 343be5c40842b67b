using System;
using System.Collections.Generic;
using System.Diagnostics;
using Uintr.Hardware;
using Uintr.Ipc;

namespace Uintr;

/// <summary>
/// A child process that inherited uintr fds, sockets or handles from this one: a real process started with
/// <see cref="Start"/>, or a simulated process started with <see cref="UintrSimulator.StartProcess"/>. Disposing the
/// object does not end the process.
/// </summary>
public abstract class UintrChildProcess : IDisposable
{
    private static readonly object s_startLock = new();

    private protected UintrChildProcess()
    {
    }

    /// <summary>The process id (a simulated pid on the simulator).</summary>
    public abstract int Id { get; }

    /// <summary>Whether the process has exited.</summary>
    public abstract bool HasExited { get; }

    /// <summary>The exit code: 0 when the program (or the simulated body) returned normally.</summary>
    /// <exception cref="InvalidOperationException">The process has not exited.</exception>
    public abstract int ExitCode { get; }

    /// <summary>Waits for the process to exit (simulated time on the simulator).</summary>
    /// <returns><see langword="true"/> when it exited, <see langword="false"/> on time-out.</returns>
    public abstract bool WaitForExit(TimeSpan? timeout = null);

    /// <summary>
    /// Starts a real process that inherits <paramref name="inherit"/>: each is duplicated without close-on-exec (uintr
    /// fds are created O_CLOEXEC, so exec would close them otherwise), the numbers go to the child in
    /// <see cref="UintrInheritance.EnvironmentVariable"/>, and the parent closes the duplicates once the child started.
    /// The child calls <see cref="UintrInheritance.FromEnvironment"/>.
    /// </summary>
    /// <remarks>
    /// While the duplicates exist, a process started at the same moment by other code of this program could inherit
    /// them too; starts through this method are serialized against each other.
    /// </remarks>
    /// <exception cref="ArgumentException">An item is a simulated fd or socket (it exists only inside the simulator).</exception>
    /// <exception cref="ObjectDisposedException">An item was disposed.</exception>
    public static UintrChildProcess Start(ProcessStartInfo startInfo, params UintrInheritable[] inherit)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(inherit);
        var numbers = new List<(UintrInheritedKind Kind, int Number)>();
        foreach (var item in inherit)
        {
            numbers.Add((item.Kind, SystemNumberOf(item.Value)));
        }

        lock (s_startLock)
        {
            var duplicates = new List<(UintrInheritedKind Kind, int Number)>();
            try
            {
                foreach (var (kind, number) in numbers)
                {
                    int duplicate = SocketCalls.Dup(number);
                    if (duplicate < 0)
                    {
                        throw SystemSocket.Failure("dup", System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), $"could not make fd {number} inheritable");
                    }

                    duplicates.Add((kind, duplicate));
                }

                startInfo.Environment[UintrInheritance.EnvironmentVariable] = UintrInheritance.Format(duplicates);
                var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Process.Start did not start '{startInfo.FileName}'.");
                return new SystemChildProcess(process);
            }
            finally
            {
                foreach (var (_, duplicate) in duplicates)
                {
                    SocketCalls.Close(duplicate);
                }
            }
        }
    }

    /// <summary>
    /// How to start this same program again with <paramref name="arguments"/>: the running executable, or
    /// <c>dotnet</c> with the entry assembly when the program runs under the <c>dotnet</c> host.
    /// </summary>
    public static ProcessStartInfo ThisProgram(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running executable is unknown.");
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            string entry = System.Reflection.Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("The entry assembly is unknown.");
            info.ArgumentList.Add(entry);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Releases the process object; the process itself keeps running.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the process object.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    private static int SystemNumberOf(object value)
    {
        switch (value)
        {
            case HardwareFd fd:
                ObjectDisposedException.ThrowIf(fd.IsDisposed, typeof(UintrFd));
                return fd.Number;
            case SystemSocket socket:
                ObjectDisposedException.ThrowIf(socket.IsDisposed, typeof(UintrSocket));
                return socket.Number;
            case System.Runtime.InteropServices.SafeHandle handle:
                ObjectDisposedException.ThrowIf(handle.IsClosed || handle.IsInvalid, handle);
                return checked((int)handle.DangerousGetHandle());
            default:
                throw new ArgumentException(
                    $"{value} exists only inside the simulator; a real process inherits real fds. Start a simulated process with UintrSimulator.StartProcess.",
                    nameof(value));
        }
    }

    /// <summary>A real child process.</summary>
    private sealed class SystemChildProcess(Process process) : UintrChildProcess
    {
        public override int Id => process.Id;

        public override bool HasExited => process.HasExited;

        public override int ExitCode => process.ExitCode;

        public override bool WaitForExit(TimeSpan? timeout = null)
        {
            if (timeout is not { } span)
            {
                process.WaitForExit();
                return true;
            }

            return process.WaitForExit(span);
        }

        protected override void Dispose(bool disposing) => process.Dispose();
    }
}
