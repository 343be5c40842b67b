using System;
using System.Collections.Generic;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Exploration;

/// <summary>
/// One schedule: a receiver task that may run on cores 0 and 1, one sender task per further core, and a seeded list of
/// operations at random cycles. Operations that do not apply when their cycle comes (masking a task that is switched
/// out, say) are skipped, so every schedule is legal.
/// </summary>
internal sealed class ScheduleRun : ISimulationObserver
{
    private const int ReceiverCores = 2;
    private const ulong StackSize = 16 * 1024;

    private readonly ExplorationOptions _options;
    private readonly UintrTiming _timing;
    private readonly int _seed;
    private readonly ExplorationSummary _summary;
    private readonly Random _random;
    private readonly SimulatedMachine _machine;
    private readonly IKernelHost _host;
    private readonly SimTask _receiver;
    private readonly SimTask[] _senders;
    private readonly int[] _vectors;
    private readonly List<int> _spareFds = new();
    private readonly List<long>[] _sendTimes = new List<long>[64];
    private readonly List<long>[] _deliveryTimes = new List<long>[64];
    private bool _inUser = true;
    private bool _masked;
    private bool _switching;
    private ulong _pendingWord;
    private ulong _waitStub;
    private ulong _ripBeforeWait;
    private bool _inWaitWindow;
    private bool _runtimeBlocked;

    public ScheduleRun(ExplorationOptions options, UintrTiming timing, int seed, ExplorationSummary summary)
    {
        _options = options;
        _timing = timing;
        _seed = seed;
        _summary = summary;
        _random = new Random(seed);
        var machineOptions = new SimulatorOptions { Cores = ReceiverCores + options.Senders, Seed = seed };
        _machine = new SimulatedMachine(machineOptions, timing, new KernelOptions(KernelAbi.RfcV1, Restore: options.Restore)) { Observer = this };
        _host = _machine;
        var kernel = _machine.Kernel;
        var process = kernel.CreateProcess();

        _receiver = kernel.CreateTask(process, "rx");
        MachineSetup.Place(_machine, _receiver, 0);
        MachineSetup.InitializeUserContext(_machine, _receiver.Cpu!.Registers, _receiver.Tid, StackSize);
        if (options.RuntimeWaits)
        {
            RegisterRuntimeReceiver(options.WaitWindowClosed);
        }
        else
        {
            _pendingWord = MachineSetup.RegisterDefaultReceiver(_machine, _receiver);
        }

        _vectors = PickVectors(options.Vectors);
        var fds = new int[_vectors.Length];
        for (int i = 0; i < _vectors.Length; i++)
        {
            fds[i] = (int)MachineSetup.Check(kernel.CreateFd(_receiver, (ulong)_vectors[i], 0));
            _spareFds.Add((int)MachineSetup.Check(kernel.Dup(process, fds[i])));
            _sendTimes[_vectors[i]] = new List<long>();
            _deliveryTimes[_vectors[i]] = new List<long>();
        }

        _senders = new SimTask[options.Senders];
        for (int s = 0; s < _senders.Length; s++)
        {
            _senders[s] = kernel.CreateTask(process, "tx" + s);
            MachineSetup.Place(_machine, _senders[s], ReceiverCores + s);
            foreach (int fd in fds)
            {
                MachineSetup.Check(kernel.RegisterSender(_senders[s], fd, 0));
            }
        }
    }

    public void Run()
    {
        _summary.Schedules++;
        for (int i = 0; i < _options.Operations; i++)
        {
            long at = _random.NextInt64(_options.HorizonCycles);
            Action<long> operation = _random.Next(10) switch
            {
                < 4 => Send(_random.Next(_senders.Length), _random.Next(_vectors.Length)),
                < 6 => SwitchAndReturn(_random.Next(ReceiverCores), _random.NextInt64(2_000)),
                < 8 => MaskWindow(_random.NextInt64(3_000)),
                < 9 => _options.RuntimeWaits ? RuntimeWait(_random.NextInt64(4_000)) : BlockingWait(_random.NextInt64(4_000)),
                _ => CloseSpareFd(),
            };
            _host.At(at, operation);
        }

        _host.At(_options.HorizonCycles, Settle);
        RunUntilIdle();
        CheckLiveness();
    }

    void ISimulationObserver.Delivered(SimulatedCore core, int vector, long time)
    {
        _summary.Deliveries++;
        if (_masked || !_inUser)
        {
            _summary.Add(new ExplorationViolation(_seed, ViolationKind.DeliveryWhileMasked, vector, time, _masked ? "UIF was 0 (inside a CLUI window)" : "the receiver was not running user code"));
        }

        var deliveries = _deliveryTimes[vector];
        var sends = _sendTimes[vector];
        if (deliveries is null || sends is null)
        {
            _summary.Add(new ExplorationViolation(_seed, ViolationKind.SpuriousDelivery, vector, time, "the vector was never registered"));
            return;
        }

        deliveries.Add(time);

        // The k-th delivery of a vector needs at least k sends of it before it: every delivery folds a PIR bit that a
        // distinct send set after the previous fold (coalescing merges sends, it never creates deliveries).
        int sendsBefore = 0;
        foreach (long sent in sends)
        {
            sendsBefore += sent < time ? 1 : 0;
        }

        if (sendsBefore < deliveries.Count)
        {
            _summary.Add(new ExplorationViolation(_seed, ViolationKind.SpuriousDelivery, vector, time, $"delivery {deliveries.Count} with only {sendsBefore} sends before it"));
        }
    }

    void ISimulationObserver.TrampolineCompleted(SimulatedCore core, long time)
    {
    }

    void ISimulationObserver.ReturnedToUser(SimulatedCore core, SimTask task, long time)
    {
        if (task == _receiver)
        {
            _inUser = true;
            _switching = false;
            _runtimeBlocked = false;
        }
    }

    private bool ReceiverRunsUserCode => _inUser && !_switching && _receiver.Cpu is not null;

    private Action<long> Send(int sender, int vectorIndex) => time =>
    {
        var task = _senders[sender];
        _machine.ExecuteSenduipi(_machine.Cores[task.Cpu!.Index], (ulong)MachineSetup.FindSenderIndex(task, _receiver, _vectors[vectorIndex]), time);
        _sendTimes[_vectors[vectorIndex]].Add(time);
        _summary.Sends++;
    };

    private Action<long> SwitchAndReturn(int targetCore, long gap) => time =>
    {
        if (!ReceiverRunsUserCode)
        {
            return;
        }

        var source = _receiver.Cpu!;
        _machine.Kernel.SwitchOut(_receiver);
        _inUser = false;
        _switching = true;
        _summary.ContextSwitches++;
        if (targetCore != source.Index)
        {
            _summary.Migrations++;
        }

        _machine.Kernel.ReturnToUser(_receiver, _machine.Cores[targetCore].Cpu, time + gap, _timing.RestoreStepCycles);
    };

    private Action<long> MaskWindow(long length) => time =>
    {
        if (!ReceiverRunsUserCode || _masked || _inWaitWindow)
        {
            return;
        }

        UifInstructions.Clui(_receiver.Cpu!);
        _masked = true;
        _summary.MaskWindows++;
        _host.At(time + length, Unmask);
    };

    /// <summary>STUI, once the receiver runs user code again (it is a user instruction).</summary>
    private void Unmask(long time)
    {
        if (!ReceiverRunsUserCode)
        {
            _host.At(time + 100, Unmask);
            return;
        }

        var cpu = _receiver.Cpu!;
        UifInstructions.Stui(cpu);
        _masked = false;
        _machine.RequestDeliveryCheck(_machine.Cores[cpu.Index], time);
    }

    private Action<long> BlockingWait(long timeout) => time =>
    {
        if (!ReceiverRunsUserCode || _masked)
        {
            return;
        }

        if (_machine.Kernel.Wait(_receiver, 0, 0) is not null)
        {
            return;   // EINTR at once: an interrupt is pending and will be delivered.
        }

        _inUser = false;
        _summary.BlockingWaits++;
        _host.At(time + timeout, now => _machine.Kernel.Wake(_receiver, SyscallResult.Ok(0), now, _timing.RestoreStepCycles));
    };

    /// <summary>
    /// The wait stub of <see cref="Uintr.Hardware.WaitWindow"/> and a handler page in user memory: the runtime's entry
    /// stub followed by the default trampoline (window closed), or the bare trampoline (window open).
    /// </summary>
    private void RegisterRuntimeReceiver(bool windowClosed)
    {
        var memory = _machine.Memory;
        _waitStub = _machine.UserMemory.Allocate(SimulatedMemory.PageSize, SimulatedMemory.PageSize);
        memory.Write(_waitStub, Uintr.Hardware.WaitWindow.WaitStub);
        _pendingWord = _machine.UserMemory.Allocate(64, 64);
        ulong page = _machine.UserMemory.Allocate(SimulatedMemory.PageSize, SimulatedMemory.PageSize);
        byte[] trampoline = DefaultTrampoline.Image.Link(_ => _pendingWord);
        ulong handler = page;
        if (windowClosed)
        {
            memory.Write(page, Uintr.Hardware.WaitWindow.BuildEntryStub(_waitStub));
            memory.Write(page + Uintr.Hardware.WaitWindow.EntryStubLength, trampoline);
            _machine.WaitWindow = (_waitStub, _waitStub + Uintr.Hardware.WaitWindow.SyscallOffset, _waitStub + Uintr.Hardware.WaitWindow.AbortOffset);
        }
        else
        {
            memory.Write(page, trampoline);
        }

        MachineSetup.Check(_machine.Kernel.RegisterHandler(_receiver, handler, 0));
        _receiver.UintrState.Uif = true;
    }

    /// <summary>
    /// Wait(Block) as the runtime does it: dispatch what is pending, else run the wait stub from its load of the pending
    /// word to SYSCALL (the receiver's RIP lies in the window meanwhile), then enter uintr_wait.
    /// </summary>
    private Action<long> RuntimeWait(long timeout) => time =>
    {
        if (!ReceiverRunsUserCode || _masked || _inWaitWindow || _runtimeBlocked)
        {
            return;
        }

        if (_machine.Memory.ReadUInt64(_pendingWord) != 0)
        {
            _machine.Memory.WriteUInt64(_pendingWord, 0);
            return;
        }

        var registers = _receiver.Cpu!.Registers;
        _ripBeforeWait = registers.Rip;
        registers.Rip = _waitStub + 3;
        _inWaitWindow = true;
        _host.At(time + _options.WaitWindowCycles, EnterWait(timeout));
    };

    private Action<long> EnterWait(long timeout) => time =>
    {
        if (!ReceiverRunsUserCode)
        {
            _host.At(time + 100, EnterWait(timeout));   // preempted inside the stub: it goes on when the task runs again
            return;
        }

        var registers = _receiver.Cpu!.Registers;
        ulong rip = registers.Rip;
        registers.Rip = _ripBeforeWait;
        _inWaitWindow = false;
        if (rip == _waitStub + Uintr.Hardware.WaitWindow.AbortOffset)
        {
            // A delivery inside the window: the entry stub resumed the stub at its abort label, which returns -EINTR.
            _summary.AbortedWaits++;
            _machine.Memory.WriteUInt64(_pendingWord, 0);
            return;
        }

        // Past the horizon Settle has run: a wait entered now would sleep through the liveness check.
        if (time >= _options.HorizonCycles || _machine.Kernel.Wait(_receiver, 0, 0) is not null)
        {
            return;
        }

        _inUser = false;
        _runtimeBlocked = true;
        _summary.BlockingWaits++;
        if (_options.WaitTimers)
        {
            _host.At(time + timeout, now => _machine.Kernel.Wake(_receiver, SyscallResult.Ok(0), now, _timing.RestoreStepCycles));
        }
    };

    private Action<long> CloseSpareFd() => _ =>
    {
        if (_spareFds.Count == 0)
        {
            return;
        }

        int index = _random.Next(_spareFds.Count);
        MachineSetup.Check(_machine.Kernel.Close(_senders[0], _spareFds[index]));
        _spareFds.RemoveAt(index);
        _summary.Closes++;
    };

    /// <summary>At the horizon: bring the receiver back to user code, unmasked, and let everything in flight land.</summary>
    private void Settle(long time)
    {
        if (_runtimeBlocked && _machine.Memory.ReadUInt64(_pendingWord) is var pending and not 0)
        {
            _summary.Add(new ExplorationViolation(_seed, ViolationKind.LostWakeUp, System.Numerics.BitOperations.Log2(pending), time,
                $"the receiver sleeps in uintr_wait with pending word 0x{pending:X} (delivered between its check and SYSCALL)"));
        }

        if (_machine.Kernel.IsBlocked(_receiver))
        {
            _machine.Kernel.Wake(_receiver, SyscallResult.Ok(0), time, _timing.RestoreStepCycles);
        }

        if (_masked)
        {
            Unmask(time);
        }
    }

    private void CheckLiveness()
    {
        foreach (int vector in _vectors)
        {
            var sends = _sendTimes[vector];
            var deliveries = _deliveryTimes[vector];
            if (sends.Count > 0 && (deliveries.Count == 0 || deliveries[^1] <= sends[^1]))
            {
                ulong pir = Upid.ReadPir(_machine.Memory, _receiver.Receiver!.UpidAddress);
                ulong control = Upid.ReadControl(_machine.Memory, _receiver.Receiver.UpidAddress);
                _summary.Add(new ExplorationViolation(_seed, ViolationKind.LostInterrupt, vector, sends[^1],
                    $"last send at cycle {sends[^1]} never delivered (PIR 0x{pir:X}, ON {control & Upid.On}, SN {(control & Upid.Sn) >> 1}, UIRR {(_receiver.Cpu is null ? "saved (switched out)" : $"0x{_receiver.UintrState.Uirr:X}")})"));
            }
        }
    }

    private void RunUntilIdle()
    {
        while (_machine.Queue.TryDequeue(out var e))
        {
            _machine.Now = Math.Max(_machine.Now, e.Time);
            _machine.Process(e);
        }
    }

    private int[] PickVectors(int count)
    {
        var vectors = new List<int>();
        while (vectors.Count < count)
        {
            int v = _random.Next(64);
            if (!vectors.Contains(v))
            {
                vectors.Add(v);
            }
        }

        return vectors.ToArray();
    }
}
