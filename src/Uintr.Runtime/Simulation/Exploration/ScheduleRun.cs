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
/// out, say) are skipped, so every schedule is legal. Each vector has two fd references (the original and a dup);
/// closes drop either, so some drop the last reference and unregister the vector, after which nothing sends it. One
/// more sender, in a process of its own on the last core, execs once.
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
    private readonly List<(int Fd, int Vector)> _openFds = new();
    private readonly HashSet<int> _closedVectors = new();
    private readonly List<long>[] _sendTimes = new List<long>[64];
    private readonly List<long>[] _deliveryTimes = new List<long>[64];
    private readonly List<ExplorationViolation> _found = new();
    private bool _inUser = true;
    private bool _masked;
    private bool _switching;
    private ulong _pendingWord;
    private ulong _waitStub;
    private ulong _ripBeforeWait;
    private bool _inWaitWindow;
    private bool _runtimeBlocked;
    private bool _remaskAfterStui;
    private bool _unmaskOnReturn;
    private SimTask _execSender = null!;
    private bool _execDone;

    public ScheduleRun(ExplorationOptions options, UintrTiming timing, int seed, ExplorationSummary summary, bool recordTrace = false)
    {
        _options = options;
        _timing = timing;
        _seed = seed;
        _summary = summary;
        _random = new Random(seed);
        var machineOptions = new SimulatorOptions { Cores = ReceiverCores + options.Senders + 1, Seed = seed, PlantedBugs = options.PlantedBugs, RecordTrace = recordTrace };
        _machine = new SimulatedMachine(machineOptions, timing, new KernelOptions(KernelAbi.RfcV1, Restore: options.Restore, PlantedBugs: options.PlantedBugs, WaitTimers: false)) { Observer = this };
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
            _openFds.Add((fds[i], _vectors[i]));
            _openFds.Add(((int)MachineSetup.Check(kernel.Dup(process, fds[i])), _vectors[i]));
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

        // A sender in a process of its own (on the last core) that execs once: the fd it was passed is closed again at
        // once (the UITT entry outlives it), so the vector's two references stay the receiver process's.
        var execProcess = kernel.CreateProcess();
        _execSender = kernel.CreateTask(execProcess, "tx-exec");
        MachineSetup.Place(_machine, _execSender, ReceiverCores + _senders.Length);
        int passed = (int)MachineSetup.Check(kernel.ShareFd(process, fds[0], execProcess));
        MachineSetup.Check(kernel.RegisterSender(_execSender, passed, 0));
        MachineSetup.Check(kernel.Close(_execSender, passed));
    }

    /// <summary>The machine's trace of the schedule (empty unless the run was built to record one).</summary>
    public IReadOnlyList<SimulationEvent> Trace => _machine.Trace;

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
                < 8 => MaskWindow(_random.NextInt64(3_000), remaskAfterStui: _random.Next(3) == 0),
                < 9 => _options.RuntimeWaits ? RuntimeWait(_random.NextInt64(4_000)) : BlockingWait(),
                _ => CloseFd(),
            };
            _host.At(at, operation);
        }

        _host.At(_random.NextInt64(_options.HorizonCycles), ExecSender);
        _host.At(_options.HorizonCycles, Settle);
        try
        {
            RunUntilIdle();
            WakeIfStillBlocked();
            CheckLiveness();
        }
        catch (Exception e) when (e is InvalidOperationException or ArchitecturalFault)
        {
            Report(ViolationKind.MachineError, -1, _machine.Now, e.Message);
        }

        Conclude();
    }

    /// <summary>
    /// Hands the schedule's findings to the summary. Interrupts and wake-ups lost behind an orphaned UPID.ON are the RFC v1
    /// kernel's own flaw, which the model reproduces (<see cref="UintrKernel.OrphanedOnClears"/>): receiver_clear_uvec
    /// emptied PIR while ON was set and the post's notification had been taken as an ordinary interrupt, so ON is still set
    /// when everything has landed. They are counted apart, as kernel findings, not as violations of the model.
    /// </summary>
    private void Conclude()
    {
        bool orphanedOn = _machine.Kernel.OrphanedOnClears > 0 && _machine.Queue.Count == 0
            && (Upid.ReadControl(_machine.Memory, _receiver.Receiver!.UpidAddress) & Upid.On) != 0;
        bool counted = false;
        foreach (var violation in _found)
        {
            if (orphanedOn && violation.Kind is ViolationKind.LostInterrupt or ViolationKind.LostWakeUp)
            {
                if (!counted)
                {
                    _summary.AddKernelFinding(violation with { Detail = violation.Detail + "; UPID.ON orphaned by the last close's receiver_clear_uvec (RFC v1)" });
                    counted = true;
                }

                continue;
            }

            _summary.Add(violation);
        }
    }

    void ISimulationObserver.Delivered(SimulatedCore core, int vector, long time)
    {
        _summary.Deliveries++;
        if (_masked || !_inUser)
        {
            Report(ViolationKind.DeliveryWhileMasked, vector, time, _masked ? "UIF was 0 (inside a CLUI window)" : "the receiver was not running user code");
        }

        CheckHandlerEntry(core, vector, time);
        CheckRecognitionBeforeDelivery(core, vector, time);

        var deliveries = _deliveryTimes[vector];
        var sends = _sendTimes[vector];
        if (deliveries is null || sends is null)
        {
            Report(ViolationKind.SpuriousDelivery, vector, time, "the vector was never registered");
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
            Report(ViolationKind.SpuriousDelivery, vector, time, $"delivery {deliveries.Count} with only {sendsBefore} sends before it");
        }
    }

    void ISimulationObserver.TrampolineCompleted(SimulatedCore core, long time)
    {
        // UIRET sets UIF: the interrupted code runs with delivery enabled again.
        if (core.Task == _receiver && !core.Cpu.State.Uif)
        {
            Report(ViolationKind.UifNotRestored, -1, time, "UIF = 0 after the handler's UIRET");
        }
    }

    void ISimulationObserver.ReturnedToUser(SimulatedCore core, SimTask task, long time)
    {
        if (task == _receiver)
        {
            _inUser = true;
            _switching = false;
            _runtimeBlocked = false;
            CheckReleasedVectors(time);
            if (_unmaskOnReturn)
            {
                _unmaskOnReturn = false;
                _host.At(time, Unmask);
            }
        }
    }

    private bool ReceiverRunsUserCode => _inUser && !_switching && _receiver.Cpu is not null;

    private Action<long> Send(int sender, int vectorIndex) => time => SendNow(sender, _vectors[vectorIndex], time);

    private void SendNow(int sender, int vector, long time)
    {
        if (_closedVectors.Contains(vector))
        {
            return;   // the last fd reference is gone: the vector is unregistered and a program would not send it
        }

        var task = _senders[sender];
        ulong upid = _receiver.Receiver!.UpidAddress;
        ulong before = Upid.ReadControl(_machine.Memory, upid);
        var result = _machine.ExecuteSenduipi(_machine.Cores[task.Cpu!.Index], (ulong)MachineSetup.FindSenderIndex(task, _receiver, vector), time);
        _sendTimes[vector].Add(time);
        _summary.Sends++;
        CheckSendPostconditions(vector, before, result, time);
    }

    /// <summary>SENDUIPI step 4: PIR[UV] set; a notification exactly when SN = 0 and ON = 0 were read, and then ON = 1.</summary>
    private void CheckSendPostconditions(int vector, ulong controlBefore, SenduipiResult result, long time)
    {
        ulong upid = result.UpidAddress;
        ulong after = Upid.ReadControl(_machine.Memory, upid);
        bool shouldNotify = (controlBefore & (Upid.Sn | Upid.On)) == 0;
        if ((Upid.ReadPir(_machine.Memory, upid) & (1UL << vector)) == 0)
        {
            Report(ViolationKind.NotificationProtocol, vector, time, "PIR bit not set by SENDUIPI");
        }
        else if (result.SendNotification != shouldNotify)
        {
            Report(ViolationKind.NotificationProtocol, vector, time,
                $"SENDUIPI {(result.SendNotification ? "notified" : "did not notify")} with SN {(controlBefore & Upid.Sn) >> 1}, ON {controlBefore & Upid.On} (notifications must coalesce on ON)");
        }
        else if (shouldNotify && (after & Upid.On) == 0)
        {
            Report(ViolationKind.NotificationProtocol, vector, time, "SENDUIPI notified but left ON = 0");
        }
    }

    /// <summary>At handler entry: the vector is the highest recognized one, UIF = 0, and the frame is the SDM's.</summary>
    private void CheckHandlerEntry(SimulatedCore core, int vector, long time)
    {
        var cpu = core.Cpu;
        var state = cpu.State;
        ulong higher = vector == 63 ? 0 : state.Uirr & ~((2UL << vector) - 1);
        if (higher != 0)
        {
            Report(ViolationKind.PriorityInversion, vector, time, $"delivered while vector {63 - System.Numerics.BitOperations.LeadingZeroCount(higher)} was recognized (UIRR 0x{state.Uirr:X})");
        }

        if (state.Uif)
        {
            Report(ViolationKind.UifSetInHandler, vector, time, "UIF = 1 at handler entry");
        }

        var before = core.Interrupted;
        var regs = cpu.Registers;
        var memory = cpu.Memory;
        ulong expectedRsp = ((state.StackAdjust & 1) != 0 ? state.StackAdjust & ~1UL : before.Rsp - state.StackAdjust) & ~0xFUL;
        expectedRsp -= 32;
        string? wrong =
            regs.Rsp != expectedRsp ? $"RSP 0x{regs.Rsp:X}, expected 0x{expectedRsp:X} (old RSP 0x{before.Rsp:X} - STACKADJUST, aligned, 4 pushes)"
            : memory.ReadUInt64(regs.Rsp) != (ulong)vector ? $"[RSP] = {memory.ReadUInt64(regs.Rsp)}, not the vector"
            : memory.ReadUInt64(regs.Rsp + 8) != before.Rip ? $"[RSP+8] = 0x{memory.ReadUInt64(regs.Rsp + 8):X}, not the interrupted RIP 0x{before.Rip:X}"
            : memory.ReadUInt64(regs.Rsp + 16) != before.Rflags ? $"[RSP+16] = 0x{memory.ReadUInt64(regs.Rsp + 16):X}, not the interrupted RFLAGS 0x{before.Rflags:X}"
            : memory.ReadUInt64(regs.Rsp + 24) != before.Rsp ? $"[RSP+24] = 0x{memory.ReadUInt64(regs.Rsp + 24):X}, not the old RSP 0x{before.Rsp:X}"
            : regs.Rip != state.Handler ? $"RIP 0x{regs.Rip:X}, not the handler 0x{state.Handler:X}"
            : (regs.Rflags & (Rflags.TF | Rflags.RF)) != 0 ? "TF or RF still set in the handler"
            : null;
        if (wrong is not null)
        {
            Report(ViolationKind.FrameContents, vector, time, wrong);
        }
    }

    /// <summary>
    /// Recognition happens at every instruction boundary, between back-to-back deliveries too: a notification that reached
    /// this core before the boundary of this delivery is acknowledged first (it is an ordinary interrupt, of higher
    /// priority), so it cannot still be waiting in the queue.
    /// </summary>
    private void CheckRecognitionBeforeDelivery(SimulatedCore core, int vector, long time)
    {
        long boundary = time - _timing.DeliveryCycles;
        int index = core.Index;
        byte uinv = core.Cpu.State.Uinv;
        if (_machine.Queue.Any(e => e.Kind == ScheduledEventKind.IpiArrival && e.Core == index && e.Vector == uinv && e.Time <= boundary))
        {
            Report(ViolationKind.RecognitionSkipped, vector, time,
                $"delivered at the boundary of cycle {boundary} while a notification that arrived by then was still unacknowledged");
        }
    }

    /// <summary>
    /// receiver_clear_uvec clears the PIR bit of a vector whose last fd was released (RFC v1, uintr_core.c at 2100ffbe),
    /// and nothing posts it afterwards (its UITT entries are invalid): once the task work ran, PIR never holds it.
    /// </summary>
    private void CheckReleasedVectors(long time)
    {
        ulong closed = 0;
        foreach (int v in _closedVectors)
        {
            closed |= 1UL << v;
        }

        ulong released = closed & ~_receiver.Receiver!.RegisteredVectors;
        ulong stale = Upid.ReadPir(_machine.Memory, _receiver.Receiver.UpidAddress) & released;
        if (stale != 0)
        {
            Report(ViolationKind.ReleasedVectorPending, System.Numerics.BitOperations.Log2(stale), time,
                $"PIR 0x{stale:X} still holds a vector whose last fd was released (the last close must clear its PIR bit)");
        }
    }

    /// <summary>Adds one of the schedule's own steps to the trace, when the run records one.</summary>
    private void Note(long time, SimulationEventKind kind, string what)
    {
        if (_machine.IsTracing)
        {
            int core = (_receiver.Cpu ?? _receiver.LastCpu)?.Index ?? 0;
            _machine.Record(time, _machine.Cores[core], kind, -1, "explorer: " + what);
        }
    }

    private void Report(ViolationKind kind, int vector, long time, string detail) =>
        _found.Add(new ExplorationViolation(_seed, kind, vector, time, detail));

    private Action<long> SwitchAndReturn(int targetCore, long gap) => time =>
    {
        if (!ReceiverRunsUserCode)
        {
            return;
        }

        var source = _receiver.Cpu!;
        Note(time, SimulationEventKind.Syscall, $"switch out, back on core {targetCore} at {time + gap}");
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

    /// <summary>
    /// CLUI, then STUI <paramref name="length"/> cycles later; with <paramref name="remaskAfterStui"/> the instruction right
    /// after that STUI is another CLUI (the end of a Mask scope followed by Clui), which must not run before the interrupts
    /// already recognized are delivered at STUI's boundary.
    /// </summary>
    private Action<long> MaskWindow(long length, bool remaskAfterStui) => time =>
    {
        if (!ReceiverRunsUserCode || _masked || _inWaitWindow)
        {
            return;
        }

        Note(time, SimulationEventKind.FlagChange, $"CLUI until {time + length}");
        UifInstructions.Clui(_receiver.Cpu!);
        _masked = true;
        _remaskAfterStui = remaskAfterStui;
        _summary.MaskWindows++;
        _host.At(time + length, Unmask);
    };

    /// <summary>STUI, once the receiver runs user code again (it is a user instruction); a blocked receiver does it on its return.</summary>
    private void Unmask(long time)
    {
        if (!_masked)
        {
            return;
        }

        if (_machine.Kernel.IsBlocked(_receiver))
        {
            _unmaskOnReturn = true;
            return;
        }

        if (!ReceiverRunsUserCode)
        {
            _host.At(time + 100, Unmask);
            return;
        }

        var cpu = _receiver.Cpu!;
        var core = _machine.Cores[cpu.Index];
        Note(time, SimulationEventKind.FlagChange, "STUI");
        UifInstructions.Stui(cpu);
        _masked = false;
        long boundary = time + _timing.StuiCycles;
        _machine.OpenStuiWindow(core, boundary);
        if (_remaskAfterStui && time < _options.HorizonCycles)
        {
            _remaskAfterStui = false;
            _host.At(boundary + 1, CluiRightAfterStui(_random.NextInt64(1_000)));
        }
    }

    /// <summary>The CLUI right after STUI: by now every interrupt recognized at STUI's boundary has been delivered.</summary>
    private Action<long> CluiRightAfterStui(long length) => time =>
    {
        if (!ReceiverRunsUserCode || _masked || _inWaitWindow)
        {
            return;
        }

        // A core still busy at this cycle (notification processing that STUI overlapped) delivers at this very boundary,
        // after the schedule's step: only a core idle before it shows a boundary that delivered nothing.
        var cpu = _receiver.Cpu!;
        if (UserInterruptDelivery.CanDeliver(cpu) && _machine.Cores[cpu.Index].BusyUntil < time)
        {
            Report(ViolationKind.DeliveryBoundaryMissed, 63 - System.Numerics.BitOperations.LeadingZeroCount(cpu.State.Uirr), time,
                $"CLUI ran after STUI with UIRR 0x{cpu.State.Uirr:X} recognized and UIF = 1 (STUI's boundary delivered nothing)");
        }

        MaskWindow(length, remaskAfterStui: false)(time);
    };

    /// <summary>uintr_wait with no timeout: only a notification for the receiver ends it (no timer rescues a lost wake-up).</summary>
    private Action<long> BlockingWait() => time =>
    {
        if (!ReceiverRunsUserCode || _inWaitWindow || _closedVectors.Count == _vectors.Length)
        {
            return;   // no open vector: nothing could wake it
        }

        // Inside a CLUI window too (Wait(Block) in a Mask scope): a post wakes the task whatever UIF is.
        ulong pirBefore = Upid.ReadPir(_machine.Memory, _receiver.Receiver!.UpidAddress);
        if (_machine.Kernel.Wait(_receiver, 0, 0) is { } result)
        {
            // EINTR at once only for a post pending in PIR (uintr_receiver_wait never reads UIRR): anything else returns
            // to a program that waits again at once, a busy loop.
            CheckReleasedVectors(time);
            if (Upid.ReadPir(_machine.Memory, _receiver.Receiver.UpidAddress) == 0)
            {
                Report(ViolationKind.WaitEndedWithoutWakeUp, -1, time,
                    $"uintr_wait returned {result} at once with PIR 0x0 (before the call 0x{pirBefore:X}), UIRR 0x{_receiver.UintrState.Uirr:X}, UIF {(_receiver.UintrState.Uif ? 1 : 0)}");
            }

            return;
        }

        Note(time, SimulationEventKind.Syscall, "uintr_wait blocks");
        _inUser = false;
        _summary.BlockingWaits++;
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

    /// <summary>exec() of the lone sender in its own process: its UITT is gone, so its next SENDUIPI raises #UD.</summary>
    private void ExecSender(long time)
    {
        if (_execDone)
        {
            return;
        }

        _execDone = true;
        Note(time, SimulationEventKind.Syscall, "tx-exec: exec()");
        _machine.Kernel.Exec(_execSender);
        try
        {
            _machine.ExecuteSenduipi(_machine.Cores[_execSender.Cpu!.Index], 0, time + 1);
            Report(ViolationKind.ExecKeptSenduipi, -1, time, "SENDUIPI after exec did not raise #UD (IA32_UINTR_TT still valid on the CPU)");
        }
        catch (ArchitecturalFault fault) when (fault.Fault == UintrFault.InvalidOpcode)
        {
            // As it must: exec reset the UINTR state, IA32_UINTR_TT included.
        }
    }

    /// <summary>close() of one reference; closing the last reference of a vector unregisters it (deferred to the receiver as task work).</summary>
    private Action<long> CloseFd() => time =>
    {
        if (_openFds.Count == 0)
        {
            return;
        }

        int index = _random.Next(_openFds.Count);
        var (fd, vector) = _openFds[index];
        bool last = _openFds.FindAll(f => f.Vector == vector).Count == 1;
        if (last && _closedVectors.Count == _vectors.Length - 1)
        {
            return;   // keep one vector open, so a blocked receiver can always be woken
        }

        Note(time, SimulationEventKind.Syscall, $"close fd {fd} (vector {vector}{(last ? ", its last reference" : "")})");
        MachineSetup.Check(_machine.Kernel.Close(_senders[0], fd));
        _openFds.RemoveAt(index);
        _summary.Closes++;
        if (last)
        {
            _closedVectors.Add(vector);
            _summary.LastReferenceCloses++;
        }
    };

    /// <summary>At the horizon: unmask the receiver and let everything in flight land.</summary>
    private void Settle(long time)
    {
        if (_runtimeBlocked && _machine.Memory.ReadUInt64(_pendingWord) is var pending and not 0)
        {
            Report(ViolationKind.LostWakeUp, System.Numerics.BitOperations.Log2(pending), time,
                $"the receiver sleeps in uintr_wait with pending word 0x{pending:X} (delivered between its check and SYSCALL)");
        }

        if (_masked)
        {
            Unmask(time);
        }
    }

    /// <summary>
    /// A receiver still blocked in uintr_wait when everything has landed gets one more send, from a sender, as the
    /// program would wake it; if that does not end the wait either, the wake-up was lost.
    /// </summary>
    private void WakeIfStillBlocked()
    {
        if (!_machine.Kernel.IsBlocked(_receiver))
        {
            return;
        }

        int vector = System.Array.Find(_vectors, v => !_closedVectors.Contains(v));
        SendNow(0, vector, _machine.Now + 1);
        RunUntilIdle();
        if (_machine.Kernel.IsBlocked(_receiver))
        {
            ulong control = Upid.ReadControl(_machine.Memory, _receiver.Receiver!.UpidAddress);
            Report(ViolationKind.LostWakeUp, vector, _machine.Now,
                $"the receiver stays blocked in uintr_wait after a send (PIR 0x{Upid.ReadPir(_machine.Memory, _receiver.Receiver.UpidAddress):X}, ON {control & Upid.On}, SN {(control & Upid.Sn) >> 1}, NV 0x{Upid.Nv(control):X2}): a deadlock");
        }
    }

    private void CheckLiveness()
    {
        if (_receiver.Cpu is not null)
        {
            CheckReleasedVectors(_machine.Now);
        }

        foreach (int vector in _vectors)
        {
            if (_closedVectors.Contains(vector))
            {
                continue;   // sends made before the last close may be dropped with the vector
            }

            var sends = _sendTimes[vector];
            var deliveries = _deliveryTimes[vector];
            if (sends.Count > 0 && (deliveries.Count == 0 || deliveries[^1] <= sends[^1]))
            {
                ulong pir = Upid.ReadPir(_machine.Memory, _receiver.Receiver!.UpidAddress);
                ulong control = Upid.ReadControl(_machine.Memory, _receiver.Receiver.UpidAddress);
                Report(ViolationKind.LostInterrupt, vector, sends[^1],
                    $"last send at cycle {sends[^1]} never delivered (PIR 0x{pir:X}, ON {control & Upid.On}, SN {(control & Upid.Sn) >> 1}, UIRR {(_receiver.Cpu is null ? "saved (switched out)" : $"0x{_receiver.UintrState.Uirr:X}")})");
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
