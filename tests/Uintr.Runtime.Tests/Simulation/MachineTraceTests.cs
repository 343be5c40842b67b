using System;
using System.Globalization;
using System.Linq;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// What the machine writes into the trace (the CLI's <c>trace</c> command prints it, timelines draw it): for each
/// hardware or kernel event, on which core, for which thread and vector, and the detail that explains it.
/// </summary>
public class MachineTraceTests
{
    private static readonly string NotificationVector = $"0x{KernelConstants.NotificationVector:X2}";

    private static SimulationEvent[] Events(KernelFixture f, SimulationEventKind kind) =>
        f.Machine.Trace.Where(e => e.Kind == kind).ToArray();

    [Fact]
    public void A_send_names_the_UITT_entry_and_the_UPID_and_says_whether_it_notified()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        ulong upid = rx.Receiver!.UpidAddress;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 10);
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 11);

        var sends = Events(f, SimulationEventKind.Send);
        Assert.Equal(2, sends.Length);
        Assert.Equal(new SimulationEvent(10, 1, "tx", SimulationEventKind.Send, 5, $"uitt[0] -> upid 0x{upid:X} notify apic 0 vector {NotificationVector}"), sends[0]);
        Assert.Equal(new SimulationEvent(11, 1, "tx", SimulationEventKind.Send, 5, $"uitt[0] -> upid 0x{upid:X} no notification (SN or ON set)"), sends[1]);
    }

    [Fact]
    public void Notification_processing_shows_the_PIR_it_folded_and_the_UIRR_that_results()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 9);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.Kernel.RegisterSender(tx, fds[1], 0);
        rx.UintrState.Uirr = 1UL << 9;   // 9 is already recognized; 5 arrives

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 0);
        f.RunUntilIdle();

        var notification = Assert.Single(Events(f, SimulationEventKind.Notification));
        Assert.Equal(0, notification.Core);
        Assert.Equal("rx", notification.Thread);
        Assert.Equal(KernelConstants.NotificationVector, notification.Vector);
        Assert.Equal("PIR 0x0000000000000020 -> UIRR 0x0000000000000220", notification.Detail);
    }

    [Fact]
    public void A_faulting_SENDUIPI_is_traced_with_the_fault_it_raised()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);

        var fault = Assert.Throws<ArchitecturalFault>(() => f.Machine.ExecuteSenduipi(f.Machine.Cores[1], KernelConstants.UittEntries + 4, 30));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        var traced = Assert.Single(f.Machine.Trace);
        Assert.Equal(new SimulationEvent(30, 1, "tx", SimulationEventKind.Fault, -1, fault.Message), traced);
    }

    [Fact]
    public void A_SENDUIPI_the_uintr_next_kernel_fixes_up_shows_the_UD_and_the_retried_send()
    {
        // fixup_senduipi_ud_exception (arch/x86/kernel/traps.c, intel/uintr-linux-kernel 533d395f): a thread of a process
        // with a UITT gets its sender MSRs on its first SENDUIPI, which then runs again.
        var f = new KernelFixture(KernelAbi.UintrNext, sharedUitt: true);
        var (_, fds) = f.Receiver(0, 5);
        var first = f.RunningTask(1, "first");
        f.Kernel.RegisterSender(first, fds[0], 0);
        var second = f.RunningTask(2, "second");

        f.Machine.ExecuteSenduipi(f.Machine.Cores[2], 0, 40);

        var events = f.Machine.Trace.ToArray();
        Assert.Equal(2, events.Length);
        Assert.Equal(SimulationEventKind.Fault, events[0].Kind);
        Assert.Equal(-1, events[0].Vector);
        Assert.Equal("second", events[0].Thread);
        Assert.StartsWith("#UD in SENDUIPI", events[0].Detail);
        Assert.EndsWith("; the kernel activates the process's UITT for this thread and SENDUIPI runs again", events[0].Detail);
        Assert.Equal(SimulationEventKind.Send, events[1].Kind);
        Assert.Equal(5, events[1].Vector);
    }

    [Fact]
    public void A_fixed_up_SENDUIPI_that_faults_again_traces_both_faults()
    {
        var f = new KernelFixture(KernelAbi.UintrNext, sharedUitt: true);
        var (_, fds) = f.Receiver(0, 5);
        var first = f.RunningTask(1, "first");
        f.Kernel.RegisterSender(first, fds[0], 0);
        f.RunningTask(2, "second");

        var fault = Assert.Throws<ArchitecturalFault>(() => f.Machine.ExecuteSenduipi(f.Machine.Cores[2], KernelConstants.UittEntries + 4, 50));

        Assert.Equal(UintrFault.GeneralProtection, fault.Fault);
        var faults = f.Machine.Trace.ToArray();
        Assert.Equal(2, faults.Length);
        Assert.StartsWith("#UD in SENDUIPI", faults[0].Detail);
        Assert.Equal(new SimulationEvent(50, 2, "second", SimulationEventKind.Fault, -1, fault.Message), faults[1]);
    }

    [Fact]
    public void An_ordinary_interrupt_says_the_kernel_handled_it_and_the_blocked_wait_vector_names_the_tasks_it_woke()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        f.ArriveAt(1, 0x30, 0);
        f.RunUntilIdle();
        Assert.Null(f.Kernel.Wait(rx, 0, 0));

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, f.Machine.Now);
        f.RunUntilIdle();

        var interrupts = Events(f, SimulationEventKind.Interrupt);
        Assert.Equal(2, interrupts.Length);
        Assert.Equal(new SimulationEvent(0, 1, "tx", SimulationEventKind.Interrupt, 0x30, "ordinary interrupt, handled by the kernel"), interrupts[0]);
        Assert.Equal(0, interrupts[1].Core);
        Assert.Equal(KernelConstants.BlockedWaitVector, interrupts[1].Vector);
        Assert.Equal("kernel wakes rx", interrupts[1].Detail);
        var back = f.Machine.Trace.Single(e => e.Detail.StartsWith("return to user", StringComparison.Ordinal));
        Assert.Equal(SimulationEventKind.Syscall, back.Kind);
        Assert.Equal(-1, back.Vector);
        Assert.Equal("rx", back.Thread);
        Assert.Equal($"return to user: {rx.WakeResult}", back.Detail);
        Assert.Contains("EINTR", back.Detail);
    }

    [Fact]
    public void One_blocked_wait_interrupt_that_wakes_several_sleepers_of_a_CPU_names_them_all()
    {
        var f = new KernelFixture();
        var first = f.RunningTask(0, "first");
        Assert.False(f.Kernel.RegisterHandler(first, KernelFixture.Handler, 0).Failed);
        int firstFd = (int)f.Kernel.CreateFd(first, 5, 0).Value;
        Assert.Null(f.Kernel.Wait(first, 0, 0));
        var second = f.RunningTask(0, "second");
        Assert.False(f.Kernel.RegisterHandler(second, KernelFixture.Handler, 0).Failed);
        int secondFd = (int)f.Kernel.CreateFd(second, 5, 0).Value;
        Assert.Null(f.Kernel.Wait(second, 0, 0));
        var tx = f.RunningTask(1, "tx");
        long toFirst = f.Kernel.RegisterSender(tx, firstFd, 0).Value;
        long toSecond = f.Kernel.RegisterSender(tx, secondFd, 0).Value;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], (ulong)toFirst, 0);
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], (ulong)toSecond, 1);

        // Only the first wake-up IPI is taken: the fixture has no scheduler, so no run queue for two tasks woken on one CPU.
        Assert.True(f.Machine.Queue.TryDequeue(out var ipi));
        Assert.Equal(KernelConstants.BlockedWaitVector, ipi.Vector);
        f.Machine.Process(ipi);

        var interrupt = Assert.Single(Events(f, SimulationEventKind.Interrupt));
        Assert.Equal("kernel wakes first, second", interrupt.Detail);
    }

    [Fact]
    public void A_wait_aborted_with_a_post_pending_traces_the_kernel_folding_PIR_into_UIRR()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        Assert.Null(f.Kernel.Wait(rx, 0, 0));
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 0);

        f.Kernel.AbortBlock(rx, 100);

        var fold = Assert.Single(Events(f, SimulationEventKind.Notification));
        Assert.Equal((100L, 0, -1), (fold.Cycle, fold.Core, fold.Vector));
        Assert.Equal("kernel folds PIR 0x0000000000000020 -> UIRR 0x0000000000000020", fold.Detail);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
    }

    [Fact]
    public void A_futex_wake_from_the_trampoline_is_traced_and_the_waiter_runs_after_the_system_call_returns()
    {
        var f = new KernelFixture();
        ulong word = f.Machine.UserMemory.Allocate(64, 64);
        var waiter = f.RunningTask(1, "waiter");
        Assert.Null(f.Kernel.FutexWaitOn(waiter, word, 0));
        var core = f.Machine.Cores[0];
        core.TrampolineEntryTime = 10_000;
        var regs = new RegisterFile();
        regs[Gpr.Rax] = UintrKernel.FutexSyscallNumber;
        regs[Gpr.Rdi] = word;
        regs[Gpr.Rsi] = UintrKernel.FutexWake;
        regs[Gpr.Rdx] = 1;

        new CoreSystemInstructions(f.Machine, 0).Syscall(regs);
        f.RunUntilIdle();

        var call = Assert.Single(Events(f, SimulationEventKind.Syscall), e => e.Detail.StartsWith("futex", StringComparison.Ordinal));
        Assert.Equal(new SimulationEvent(10_000, 0, string.Empty, SimulationEventKind.Syscall, -1, $"futex(0x{word:X}, FUTEX_WAKE, 1) = 1"), call);
        var timing = f.Machine.Timing;
        var back = Assert.Single(f.Machine.Trace, e => e.Thread == "waiter");
        Assert.Equal(10_000 + timing.SyscallCycles + timing.WakeupCycles + (3 * timing.RestoreStepCycles), back.Cycle);
    }

    [Fact]
    public void Events_on_a_core_with_no_task_have_no_thread_name()
    {
        var f = new KernelFixture();

        f.ArriveAt(3, 0x30, 0);
        f.RunUntilIdle();

        Assert.Equal(string.Empty, Assert.Single(f.Machine.Trace).Thread);
    }

    [Fact]
    public void Without_RecordTrace_nothing_is_recorded()
    {
        var machine = new SimulatedMachine(new SimulatorOptions { Cores = 1 }, UintrTiming.SapphireRapids);

        machine.Record(0, machine.Cores[0], SimulationEventKind.Syscall, -1, "detail");

        Assert.False(machine.IsTracing);
        Assert.Empty(machine.Trace);
    }

    [Fact]
    public void Trace_details_are_formatted_in_the_invariant_culture_and_not_at_all_when_tracing_is_off()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = commaCulture;
        try
        {
            var traced = new SimulatedMachine(new SimulatorOptions { Cores = 1, RecordTrace = true }, UintrTiming.SapphireRapids);
            var quiet = new SimulatedMachine(new SimulatorOptions { Cores = 1 }, UintrTiming.SapphireRapids);
            var tracedArgument = new FormatCounter();
            var quietArgument = new FormatCounter();

            traced.Record(7, traced.Cores[0], SimulationEventKind.Dispatch, 3, $"{1.5} {tracedArgument} 0x{255:X4}");
            quiet.Record(7, quiet.Cores[0], SimulationEventKind.Dispatch, 3, $"{1.5} {quietArgument} 0x{255:X4}");

            Assert.True(traced.IsTracing);
            Assert.Equal(new SimulationEvent(7, 0, string.Empty, SimulationEventKind.Dispatch, 3, "1.5 formatted 0x00FF"), Assert.Single(traced.Trace));
            Assert.Equal(1, tracedArgument.Calls);
            Assert.Empty(quiet.Trace);
            Assert.Equal(0, quietArgument.Calls);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private sealed class FormatCounter
    {
        public int Calls { get; private set; }

        public override string ToString()
        {
            Calls++;
            return "formatted";
        }
    }
}
