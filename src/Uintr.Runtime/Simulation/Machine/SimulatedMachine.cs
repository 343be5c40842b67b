using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Timing;

namespace Uintr.Simulation.Machine;

/// <summary>
/// The simulated machine: memory, cores with local APICs, the kernel, and the discrete-event clock in core cycles.
/// Single host thread, deterministic: the same options give the same event order and the same trace.
/// </summary>
internal sealed class SimulatedMachine : IKernelHost
{
    /// <summary>User-space region for stacks, pending words and trampoline pages.</summary>
    private const ulong UserRegionStart = 0x0000_7000_0000_0000;
    private const ulong UserRegionEnd = 0x0000_7100_0000_0000;

    /// <summary>xAPIC IDs have 8 bits; spaced by 2 (<see cref="ApicIdOf"/>) they name cores 0 to 127 (IDs 0 to 254).</summary>
    private const int XApicMaxCores = 128;

    private readonly Dictionary<ulong, long[]> _postTimesByUpid = new();
    private readonly List<SimulationEvent>? _trace;
    private readonly double _jitter;

    public SimulatedMachine(SimulatorOptions options, UintrTiming timing, KernelOptions? kernelOptions = null)
    {
        Options = options;
        Timing = timing;
        Random = new Random(options.Seed);
        _jitter = options.TimingJitter;
        _trace = options.RecordTrace ? new List<SimulationEvent>() : null;
        Memory = new SimulatedMemory();
        Kernel = new UintrKernel(Memory, kernelOptions ?? options.ToKernelOptions(), this);
        UserMemory = new AddressSpaceAllocator(Memory, UserRegionStart, UserRegionEnd);
        if (!options.X2Apic && options.Cores > XApicMaxCores)
        {
            throw new ArgumentException($"xAPIC mode has 8-bit APIC IDs: at most 128 simulated cores (asked for {options.Cores}); use X2Apic = true.", nameof(options));
        }

        Cores = new SimulatedCore[options.Cores];
        for (int i = 0; i < Cores.Length; i++)
        {
            var cpu = new LogicalProcessor(i, ApicIdOf(i), Memory) { X2ApicMode = options.X2Apic, CpuidFlexibleUiret = options.FlexibleUiret, PlantedBugs = options.PlantedBugs };
            Cores[i] = new SimulatedCore(cpu, new X86Interpreter(Memory, new CoreSystemInstructions(this, i)));
        }
    }

    public SimulatorOptions Options { get; }

    public UintrTiming Timing { get; }

    public Random Random { get; }

    public SimulatedMemory Memory { get; }

    public UintrKernel Kernel { get; }

    public AddressSpaceAllocator UserMemory { get; }

    public SimulatedCore[] Cores { get; }

    public EventQueue Queue { get; } = new();

    public SimulatorStatistics Statistics { get; } = new();

    public IReadOnlyList<SimulationEvent> Trace => (IReadOnlyList<SimulationEvent>?)_trace ?? Array.Empty<SimulationEvent>();

    public ISimulationObserver? Observer { get; set; }

    /// <summary>The current simulated cycle.</summary>
    public long Now { get; set; }

    /// <summary>APIC IDs are spaced by 2 (one per physical core, SMT siblings off), so an index is never mistaken for an ID.</summary>
    public static uint ApicIdOf(int coreIndex) => (uint)(coreIndex * 2);

    /// <summary>A modelled cost with the seeded relative jitter of <see cref="SimulatorOptions.TimingJitter"/> applied.</summary>
    public long Cost(long cycles) =>
        _jitter <= 0 ? cycles : Math.Max(1, (long)Math.Round(cycles * (1 + (_jitter * ((2 * Random.NextDouble()) - 1)))));

    public void Record(long cycle, SimulatedCore core, SimulationEventKind kind, int vector, string detail) =>
        _trace?.Add(new SimulationEvent(cycle, core.Index, core.ThreadName, kind, vector, detail));

    /// <summary>Records an event whose detail is formatted only when tracing is on.</summary>
    public void Record(long cycle, SimulatedCore core, SimulationEventKind kind, int vector, [InterpolatedStringHandlerArgument("")] ref TraceMessage detail)
    {
        if (_trace is not null)
        {
            Record(cycle, core, kind, vector, detail.ToStringAndClear());
        }
    }

    public bool IsTracing => _trace is not null;

    /// <summary>
    /// SENDUIPI on <paramref name="core"/> at <paramref name="time"/>: the architecture posts the vector; when it must notify,
    /// the local APIC sends the IPI, which arrives after the instruction retires and the interconnect flight.
    /// </summary>
    public SenduipiResult ExecuteSenduipi(SimulatedCore core, ulong index, long time)
    {
        SenduipiResult result;
        try
        {
            result = Senduipi.Execute(core.Cpu, index);
        }
        catch (ArchitecturalFault fault) when (fault.Fault == UintrFault.InvalidOpcode && core.Task is { } task && Kernel.FixupSenduipiInvalidOpcode(task))
        {
            // The kernel's #UD handler programmed this thread's sender MSRs; SENDUIPI runs again (a fault now is real).
            Record(time, core, SimulationEventKind.Fault, -1, $"{fault.Message}; the kernel activates the process's UITT for this thread and SENDUIPI runs again");
            try
            {
                result = Senduipi.Execute(core.Cpu, index);
            }
            catch (ArchitecturalFault again)
            {
                Record(time, core, SimulationEventKind.Fault, -1, again.Message);
                throw;
            }
        }
        catch (ArchitecturalFault fault)
        {
            Record(time, core, SimulationEventKind.Fault, -1, fault.Message);
            throw;
        }

        Statistics.Sends++;
        var postTimes = PostTimes(result.UpidAddress);
        if (postTimes[result.UserVector] < 0)
        {
            postTimes[result.UserVector] = time;
        }

        if (result.SendNotification)
        {
            int destination = CoreOfApicId(result.DestinationApicId);
            if (destination >= 0)
            {
                Queue.Enqueue(new ScheduledEvent(time + Timing.SenduipiCycles + Cost(Timing.IpiFlightCycles), ScheduledEventKind.IpiArrival, destination, result.NotificationVector, null, 0));
            }
        }
        else
        {
            Statistics.SuppressedNotifications++;
        }

        Record(time, core, SimulationEventKind.Send, result.UserVector,
            $"uitt[{index}] -> upid 0x{result.UpidAddress:X} {(result.SendNotification ? $"notify apic {result.DestinationApicId} vector 0x{result.NotificationVector:X2}" : "no notification (SN or ON set)")}");

        return result;
    }

    /// <summary>Processes a hardware event at its cycle (the caller set <see cref="Now"/>).</summary>
    public void Process(in ScheduledEvent e)
    {
        var core = Cores[e.Core];
        if (core.BusyUntil > e.Time && e.Kind is not (ScheduledEventKind.KernelStep or ScheduledEventKind.WaitTimer))
        {
            // The core is inside an instruction or a delivery: interrupts are taken at the next boundary.
            Queue.Enqueue(e with { Time = core.BusyUntil });
            return;
        }

        switch (e.Kind)
        {
            case ScheduledEventKind.IpiArrival:
                AcknowledgeInterrupt(core, (byte)e.Vector, e.Time);
                break;
            case ScheduledEventKind.DeliverPending:
                DeliverRecognized(core, e.Time);
                break;
            case ScheduledEventKind.KernelStep or ScheduledEventKind.WaitTimer:
                e.Callback!(e.Time);
                break;
            default:
                throw new InvalidOperationException($"{e.Kind} is not a hardware event.");
        }
    }

    /// <summary>
    /// STUI retired at <paramref name="boundary"/>: UIF = 1 takes effect at that very instruction boundary (SDM, STUI), so
    /// a user interrupt already recognized is delivered there, before the next instruction (a CLUI right after included).
    /// </summary>
    public void OpenStuiWindow(SimulatedCore core, long boundary)
    {
        if (core.Cpu.UserInterruptRecognized)
        {
            // The planted defect checks one cycle late: the next instruction has begun and the window is gone.
            RequestDeliveryCheck(core, core.Cpu.PlantedBugs.Has(PlantedBugs.StuiOpensNoWindow) ? boundary + 1 : boundary);
        }
    }

    /// <summary>Asks for a delivery check on <paramref name="core"/> at the next boundary (after STUI or a UIRR change).</summary>
    public void RequestDeliveryCheck(SimulatedCore core, long time) =>
        Queue.Enqueue(new ScheduledEvent(time, ScheduledEventKind.DeliverPending, core.Index, -1, null, 0));

    /// <summary>The cycle the managed dispatch of <paramref name="vector"/> on <paramref name="core"/> measures from (and forgets it).</summary>
    public long TakeDeliveredPostTime(SimulatedCore core, int vector)
    {
        long time = core.DeliveredPostTimes[vector];
        core.DeliveredPostTimes[vector] = -1;
        return time;
    }

    private void AcknowledgeInterrupt(SimulatedCore core, byte vector, long time)
    {
        var cpu = core.Cpu;
        if (!NotificationProcessing.IsNotification(cpu, vector))
        {
            // An ordinary interrupt (UINV cleared by XSAVES, or another vector): the kernel's handler runs; the
            // blocked-wait vector wakes the uintr_wait sleepers of this CPU. A notification that matches UINV is
            // processed at any CPL; its delivery waits for the return to user mode.
            // An idle core first leaves its C-state (the uintr_wait sleeper's core idles until the kernel wakes it).
            bool idle = core.Task is null && !cpu.UserMode;
            core.BusyUntil = time + Cost(Timing.KernelInterruptCycles) + (idle ? Cost(Timing.Kernel.IdleExitCycles) : 0);
            var woken = Kernel.HandleInterrupt(cpu, vector, core.BusyUntil, Cost(Timing.WakeupCycles), Timing.RestoreStepCycles);
            Record(time, core, SimulationEventKind.Interrupt, vector, $"{(woken.Count == 0 ? "ordinary interrupt, handled by the kernel" : "kernel wakes " + string.Join(", ", woken.Select(t => t.Name)))}");
            return;
        }

        ulong pir = ProcessNotification(core);
        long end = time + Cost(Timing.NotificationProcessingCycles);
        Record(time, core, SimulationEventKind.Notification, vector, $"PIR 0x{pir:X16} -> UIRR 0x{cpu.State.Uirr:X16}");
        core.BusyUntil = end;
        if (UserInterruptDelivery.CanDeliver(cpu))
        {
            RequestDeliveryCheck(core, end);
        }
    }

    /// <summary>Notification processing on <paramref name="core"/>, carrying each vector's post time from PIR to UIRR for the latency statistics.</summary>
    /// <returns>The PIR that was folded.</returns>
    private ulong ProcessNotification(SimulatedCore core)
    {
        var cpu = core.Cpu;
        Statistics.Notifications++;
        ulong pir = Upid.ReadPir(Memory, cpu.State.UpidAddress);
        var postTimes = PostTimes(cpu.State.UpidAddress);
        for (ulong bits = pir; bits != 0; bits &= bits - 1)
        {
            int v = System.Numerics.BitOperations.TrailingZeroCount(bits);
            if (core.UirrPostTimes[v] < 0)
            {
                core.UirrPostTimes[v] = postTimes[v];
            }

            postTimes[v] = -1;
        }

        NotificationProcessing.Process(cpu);
        return pir;
    }

    /// <summary>
    /// Delivers the highest recognized user interrupt and runs the trampoline to its UIRET. UIRET sets UIF again, so if
    /// UIRR still holds a vector the next delivery follows back to back, but at the boundary after UIRET, as a new event:
    /// an ordinary interrupt (a notification included) that arrived meanwhile is acknowledged there first, since it has
    /// the higher priority (SDM "User-Interrupt Recognition"; <see cref="ScheduledEvent.PriorityClass"/>).
    /// </summary>
    private void DeliverRecognized(SimulatedCore core, long time)
    {
        var cpu = core.Cpu;
        if (!UserInterruptDelivery.CanDeliver(cpu))
        {
            return;
        }

        core.Interrupted.CopyFrom(cpu.Registers);
        time += Cost(Timing.DeliveryCycles);
        int vector;
        ExecutionResult run;
        try
        {
            vector = UserInterruptDelivery.Deliver(cpu);
            Statistics.Deliveries++;
            long posted = core.UirrPostTimes[vector];
            core.UirrPostTimes[vector] = -1;
            if (posted >= 0)
            {
                Statistics.HardwareLatency.Add(time - posted);
                if (core.DeliveredPostTimes[vector] < 0)
                {
                    core.DeliveredPostTimes[vector] = posted;
                }
            }

            Observer?.Delivered(core, vector, time);
            Record(time, core, SimulationEventKind.Delivery, vector, $"trampoline at 0x{cpu.State.Handler:X}, RSP 0x{cpu.Registers.Rsp:X}");
            core.TrampolineEntryTime = time;
            run = core.Interpreter.Run(cpu.Registers);
        }
        catch (ArchitecturalFault fault)
        {
            Record(time, core, SimulationEventKind.Fault, -1, fault.Message);
            cpu.Registers.CopyFrom(core.Interrupted);
            core.Thread?.PostFault(fault.ToPublic());
            core.BusyUntil = Math.Max(core.BusyUntil, time);
            return;
        }

        time += run.Cycles;
        Record(time, core, SimulationEventKind.Uiret, vector, $"{run.Instructions} instructions, {run.Cycles} cycles");
        if (!cpu.Registers.Equals(core.Interrupted) && !AbortedWaitWindow(cpu.Registers, core.Interrupted))
        {
            throw new InvalidOperationException(
                $"The trampoline on core {core.Index} did not preserve the interrupted context: {cpu.Registers.DescribeDifferences(core.Interrupted)}");
        }

        core.BusyUntil = Math.Max(core.BusyUntil, time);
        Observer?.TrampolineCompleted(core, time);
        if (UserInterruptDelivery.CanDeliver(cpu))
        {
            if (cpu.PlantedBugs.Has(PlantedBugs.DeliveryChainSkipsRecognition))
            {
                DeliverRecognized(core, time);   // the planted defect: the chain goes on without a boundary in between
            }
            else
            {
                RequestDeliveryCheck(core, time);
            }
        }
    }

    /// <summary>
    /// The runtime's wait window (<see cref="Uintr.Hardware.WaitWindow"/>) when one is mapped: the first and last RIP of
    /// the window and its abort label. A handler whose entry stub moved an interrupted RIP inside it to the abort label
    /// changed the context on purpose.
    /// </summary>
    public (ulong Start, ulong Last, ulong Abort)? WaitWindow { get; set; }

    private bool AbortedWaitWindow(Architecture.RegisterFile after, Architecture.RegisterFile interrupted)
    {
        if (WaitWindow is not { } window || interrupted.Rip < window.Start || interrupted.Rip > window.Last || after.Rip != window.Abort)
        {
            return false;
        }

        var expected = interrupted.Clone();
        expected.Rip = window.Abort;
        return after.Equals(expected);
    }

    long IKernelHost.Now => Now;

    void IKernelHost.At(long time, Action<long> step) =>
        Queue.Enqueue(new ScheduledEvent(time, ScheduledEventKind.KernelStep, 0, -1, null, 0, step));

    void IKernelHost.AtTimerExpiry(long time, Action<long> expire) =>
        Queue.Enqueue(new ScheduledEvent(time, ScheduledEventKind.WaitTimer, 0, -1, null, 0, expire));

    long IKernelHost.MicrosecondsToCycles(ulong microseconds) => (long)UInt128.Min((UInt128)microseconds * (ulong)Options.FrequencyHz / 1_000_000, long.MaxValue / 2);

    long IKernelHost.TimerWakeCycles => Cost(Timing.KernelInterruptCycles) + Cost(Timing.WakeupCycles);

    long IKernelHost.RestoreStepCycles => Timing.RestoreStepCycles;

    void IKernelHost.ProcessNotification(LogicalProcessor cpu, long time)
    {
        var core = Cores[cpu.Index];
        ulong pir = ProcessNotification(core);
        Record(time, core, SimulationEventKind.Notification, -1, $"kernel folds PIR 0x{pir:X16} -> UIRR 0x{cpu.State.Uirr:X16}");
    }

    /// <summary>The IPI is traced when it is taken (a notification event), as any other.</summary>
    void IKernelHost.SendSelfIpi(LogicalProcessor cpu, byte vector, long time) =>
        Queue.Enqueue(new ScheduledEvent(time, ScheduledEventKind.IpiArrival, cpu.Index, vector, null, 0));

    void IKernelHost.SwitchedOut(SimTask task, LogicalProcessor cpu)
    {
        var core = Cores[cpu.Index];
        if (core.Task == task)
        {
            core.Task = null;
        }
    }

    void IKernelHost.ReturnedToUser(SimTask task, LogicalProcessor cpu, long time)
    {
        var core = Cores[cpu.Index];
        core.Task = task;
        Record(time, core, SimulationEventKind.Syscall, -1, $"return to user: {task.WakeResult}");
        RequestDeliveryCheck(core, time);
        Observer?.ReturnedToUser(core, task, time);
    }

    private long[] PostTimes(ulong upid)
    {
        if (!_postTimesByUpid.TryGetValue(upid, out var times))
        {
            times = new long[64];
            Array.Fill(times, -1L);
            _postTimesByUpid.Add(upid, times);
        }

        return times;
    }

    /// <summary>The core with local APIC ID <paramref name="apicId"/>, or -1 (an IPI to a nonexistent APIC is dropped).</summary>
    private int CoreOfApicId(uint apicId) => apicId % 2 == 0 && apicId / 2 < (uint)Cores.Length ? (int)(apicId / 2) : -1;
}
