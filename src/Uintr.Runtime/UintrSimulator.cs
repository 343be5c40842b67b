using System;
using System.Collections.Generic;
using Uintr.CompilerServices;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr;

/// <summary>
/// The built-in cycle-level simulator of a UINTR machine (Sapphire Rapids timing by default).
/// Simulated threads run one at a time under the simulator's control, so a program gives the same
/// output, simulated timestamps included, every time it runs with the same options.
/// </summary>
/// <remarks>
/// The thread that first calls into a simulator (usually the program's main thread) becomes a simulated thread
/// itself; threads started with <see cref="StartThread"/> run on their own simulated cores.
/// </remarks>
public sealed class UintrSimulator : UintrPlatform
{
    private readonly string? _selectionReason;
    private readonly SimulationHost _host;

    internal UintrSimulator(SimulatorOptions options, string? selectionReason = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _selectionReason = selectionReason;
        Machine = new SimulatedMachine(options, UintrTiming.SapphireRapids);
        _host = new SimulationHost(this, Machine);
    }

    /// <summary>The options the machine was built with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The recorded event trace (empty unless <see cref="SimulatorOptions.RecordTrace"/> is set).</summary>
    public IReadOnlyList<SimulationEvent> Trace => Machine.Trace;

    /// <summary>Counts and latencies the machine measured.</summary>
    public SimulatorStatistics Statistics => Machine.Statistics;

    /// <inheritdoc />
    public override string Description =>
        $"UINTR simulator ({Options.Cores} cores, Sapphire Rapids timing at {Options.FrequencyHz / 1e9:0.0##} GHz, seed {Options.Seed})" +
        (_selectionReason is null ? string.Empty : $"; hardware backend not used: {_selectionReason}");

    /// <inheritdoc />
    public override long TimestampFrequency => Options.FrequencyHz;

    internal SimulatedMachine Machine { get; }

    internal SimulationHost Host => _host;

    /// <summary>The current simulated cycle, as RDTSC would read it (the read itself costs cycles).</summary>
    public override long GetTimestamp()
    {
        var thread = _host.Current();
        long now = _host.Now;
        _host.Consume(thread, Machine.Timing.TimestampCycles);
        return now;
    }

    /// <inheritdoc />
    public override UintrThread StartThread(string name, Action body) => _host.Start(name, body);

    /// <inheritdoc />
    public override UintrSender RegisterSender(UintrFd fd)
    {
        ArgumentNullException.ThrowIfNull(fd);
        if (fd is not SimulatedFd simulated || simulated.Host != _host)
        {
            throw new ArgumentException("The fd belongs to another platform or simulator.", nameof(fd));
        }

        if (simulated.IsDisposed)
        {
            throw new UintrException(Errno.EBADF, "uintr_register_sender", $"fd {fd.Number} was closed (the UintrFd was disposed)");
        }

        var owner = _host.CurrentIn(simulated.Process, fd);
        if (Options.KernelAbi != KernelAbi.RfcV1)
        {
            long index = _host.Syscall("uintr_register_sender", thread => Machine.Kernel.RegisterSender(thread.Task, fd.Number, 0));
            return new SimulatedSender(_host, owner, (int)index, ownFd: -1);
        }

        // RFC v1: the sender keeps its own reference to the file, so that no close elsewhere is the release that kills
        // its UITT entry (as the hardware backend does; see HardwarePlatform.RegisterSender).
        long own = _host.Syscall("dup", _ => Machine.Kernel.Dup(simulated.Process, fd.Number));
        try
        {
            long index = _host.Syscall("uintr_register_sender", thread => Machine.Kernel.RegisterSender(thread.Task, (int)own, 0));
            return new SimulatedSender(_host, owner, (int)index, (int)own);
        }
        catch
        {
            _host.Syscall("close", thread => Machine.Kernel.Close(thread.Task, (int)own));
            throw;
        }
    }

    /// <inheritdoc />
    public override (UintrSocket First, UintrSocket Second) CreateSocketPair()
    {
        var process = _host.Current().Task.Process;
        (int first, int second) = (0, 0);
        _host.Syscall("socketpair", _ =>
        {
            (first, second) = Machine.Kernel.SocketPair(process);
            return SyscallResult.Ok(0);
        });
        return (new SimulatedSocket(_host, process, first), new SimulatedSocket(_host, process, second));
    }

    /// <summary>
    /// Starts a simulated process: its own fd table, tasks and UITTs, in this simulator. It starts with copies of
    /// <paramref name="inherit"/> (as a real child started with <see cref="UintrChildProcess.Start"/> does), and its
    /// first thread runs <paramref name="body"/> with them. The process ends when its last thread ends; the kernel then
    /// closes its fds, which ends every connection whose last reference it held.
    /// </summary>
    /// <param name="name">The process's name (traces and error messages).</param>
    /// <param name="body">The process's main function; it takes what it needs from the <see cref="UintrInheritance"/>.</param>
    /// <param name="inherit">Uintr fds and socket ends of the calling thread's process.</param>
    /// <exception cref="ArgumentException">An item is not a simulated fd or socket of this simulator.</exception>
    /// <exception cref="InvalidOperationException">An item belongs to another simulated process than the caller's.</exception>
    public UintrChildProcess StartProcess(string name, Action<UintrInheritance> body, params UintrInheritable[] inherit)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(inherit);
        var parent = _host.Current().Task.Process;
        var items = new List<(UintrInheritedKind Kind, int Number)>();
        foreach (var item in inherit)
        {
            (SimProcess owner, int number, bool disposed, Type publicType) = item.Value switch
            {
                SimulatedFd fd when fd.Host == _host => (fd.Process, fd.Number, fd.IsDisposed, typeof(UintrFd)),
                SimulatedSocket socket when socket.Host == _host => (socket.Process, socket.Number, socket.IsDisposed, typeof(UintrSocket)),
                _ => throw new ArgumentException($"{item.Value} is not a uintr fd or socket of this simulator; simulated processes inherit only those.", nameof(inherit)),
            };
            ObjectDisposedException.ThrowIf(disposed, publicType);
            _host.CurrentIn(owner, item.Value);
            items.Add((item.Kind, number));
        }

        SimProcess child = null!;
        _host.Syscall("spawn", _ => Machine.Kernel.Spawn(parent, items.ConvertAll(item => item.Number), name, out child));
        var process = new SimulatedChildProcess(_host, child);
        var inheritance = new UintrInheritance(new SimulatedInheritance(_host, child), items);
        _host.StartIn(child, name, () =>
        {
            int code = 0;
            try
            {
                body(inheritance);
            }
            catch (Exception exception)
            {
                // What .NET does with an unhandled exception in a real process: print it, exit non-zero.
                Console.Error.WriteLine($"Unhandled exception in simulated process {child.Pid} ('{name}'): {exception}");
                code = 1;
            }
            finally
            {
                inheritance.Dispose();
            }

            process.SetExitCode(code);
        });
        return process;
    }

    /// <inheritdoc />
    public override bool SpinUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        long? deadline = timeout is { } span ? _host.Now + ToCycles(span) : null;
        return _host.SpinUntil(_host.Current(), condition, deadline);
    }

    internal override UintrReceiver RegisterReceiver(UserInterruptReceiverDefinition definition)
    {
        var features = definition.Trampoline.Features;
        if ((features & TrampolineFeatures.AlternateStack) != 0 && Options.KernelAbi != KernelAbi.UintrNext)
        {
            // Refused before any system call: RFC v1 has no uintr_alt_stack, and silently skipping the red zone instead
            // would not be what the receiver asked for.
            throw new NotSupportedException(
                $"{definition.ReceiverTypeName} asks for an alternate interrupt stack ([UserInterruptReceiver(AlternateStack = true)]), but the simulated kernel ABI is " +
                $"{Options.KernelAbi}, which has no uintr_alt_stack system call; only KernelAbi.{nameof(KernelAbi.UintrNext)} has it (SimulatorOptions.KernelAbi).");
        }

        var thread = _host.Current();
        var memory = Machine.Memory;

        // The pending word gets a cache line of its own; the trampoline a page, linked with the word's address.
        // The optional words come after, so a default receiver's layout (and trace) does not change.
        ulong pendingWord = Machine.UserMemory.Allocate(64, 64);
        ulong trampoline = Machine.UserMemory.Allocate(Simulation.Architecture.SimulatedMemory.PageSize, Simulation.Architecture.SimulatedMemory.PageSize);
        ulong counters = (features & TrampolineFeatures.DeliveryCounters) != 0 ? Machine.UserMemory.Allocate(SimulatedReceiver.CounterCount * sizeof(ulong), 64) : 0;
        ulong waiterWord = (features & TrampolineFeatures.WakeWaiter) != 0 ? Machine.UserMemory.Allocate(64, 64) : 0;
        memory.Write(trampoline, definition.Trampoline.Link(kind => kind switch
        {
            TrampolinePatchKind.PendingWordAddress => pendingWord,
            TrampolinePatchKind.DeliveryCounterArrayAddress when counters != 0 => counters,
            TrampolinePatchKind.WaiterWordAddress when waiterWord != 0 => waiterWord,
            _ => throw new NotSupportedException($"The trampoline of {definition.ReceiverTypeName} has a {kind} patch site but not the feature that goes with it ({features})."),
        }));

        bool kernelWakesSleepers = RegisterHandler(trampoline);
        var receiver = new SimulatedReceiver(_host, thread, definition, pendingWord, trampoline, counters, waiterWord) { SleepInSlices = !kernelWakesSleepers };
        try
        {
            if ((features & TrampolineFeatures.AlternateStack) != 0)
            {
                // The kernel makes sp | 1 the stack pointer delivery starts from: pass the top of the block.
                ulong stack = Machine.UserMemory.Allocate(SimulatedReceiver.AlternateStackSize, Simulation.Architecture.SimulatedMemory.PageSize);
                _host.Syscall("uintr_alt_stack", t => Machine.Kernel.AltStack(t.Task, stack + SimulatedReceiver.AlternateStackSize, SimulatedReceiver.AlternateStackSize, 0));
                receiver.AlternateStackBase = stack;
            }

            for (ulong vectors = definition.VectorMask; vectors != 0; vectors &= vectors - 1)
            {
                int vector = System.Numerics.BitOperations.TrailingZeroCount(vectors);
                long fd = _host.Syscall("uintr_create_fd", t => Machine.Kernel.CreateFd(t.Task, (ulong)vector, 0));
                receiver.AddFd(new SimulatedFd(_host, thread.Task.Process, (int)fd, vector));
            }
        }
        catch
        {
            receiver.Dispose();
            throw;
        }

        thread.Receiver = receiver;
        CurrentThreadFlag().Stui();
        return receiver;
    }

    internal override IUserInterruptFlag CurrentThreadFlag() => _host.Current().Flag;

    /// <summary>
    /// uintr_register_handler as the hardware backend does it: on uintr-next with UINTR_HANDLER_FLAG_WAITING_RECEIVER so
    /// that uintr_wait is woken, falling back to flags 0 where the kernel refuses it (no CONFIG_X86_UINTR_BLOCKING).
    /// </summary>
    /// <returns>Whether uintr_wait is woken by interrupts (RFC v1, or uintr-next with the flag).</returns>
    private bool RegisterHandler(ulong trampoline)
    {
        if (Options.KernelAbi == KernelAbi.UintrNext)
        {
            var thread = _host.Current();
            var flagged = Machine.Kernel.RegisterHandler(thread.Task, trampoline, UintrKernel.WaitingReceiverFlag);
            Machine.Record(_host.Now, thread.Core, SimulationEventKind.Syscall, -1, $"uintr_register_handler(0x1000) = {flagged}");
            if (!flagged.Failed)
            {
                _host.Consume(thread, Machine.Timing.SyscallCycles);
                return true;
            }

            if (flagged.Error != Errno.EINVAL)
            {
                flagged.ThrowIfFailed("uintr_register_handler");
            }
        }

        _host.Syscall("uintr_register_handler", t => Machine.Kernel.RegisterHandler(t.Task, trampoline, 0));
        return Options.KernelAbi == KernelAbi.RfcV1;
    }

    /// <summary>Converts a timeout to simulated cycles at <see cref="SimulatorOptions.FrequencyHz"/>, saturating.</summary>
    /// <param name="timeout">The caller's timeout; its parameter name is the one an error reports.</param>
    internal long ToCycles(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout cannot be negative.");
        }

        Int128 cycles = (Int128)timeout.Ticks * Options.FrequencyHz / TimeSpan.TicksPerSecond;
        return cycles > long.MaxValue / 2 ? long.MaxValue / 2 : (long)cycles;
    }
}
