using System;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The machine layer: event order at one instruction boundary (SDM "User-Interrupt Recognition": ordinary interrupts,
/// a notification included, before user-interrupt delivery), IPI routing by APIC ID, statistics, the jittered cost and
/// the SYSCALL instruction the trampoline executes.
/// </summary>
public class MachineEventTests
{
    private static ScheduledEvent Event(long time, ScheduledEventKind kind, int vector = -1, int token = 0) =>
        new(time, kind, 0, vector, null, token);

    [Fact]
    public void The_queue_orders_by_cycle_then_priority_class_then_arrival()
    {
        var queue = new EventQueue();
        Assert.False(queue.TryPeekTime(out long none));
        Assert.Equal(0, none);

        queue.Enqueue(Event(20, ScheduledEventKind.ThreadResume, token: 1));
        queue.Enqueue(Event(10, ScheduledEventKind.DeliverPending, token: 2));
        queue.Enqueue(Event(10, ScheduledEventKind.IpiArrival, KernelConstants.NotificationVector, token: 3));
        queue.Enqueue(Event(10, ScheduledEventKind.KernelStep, token: 4));
        queue.Enqueue(Event(10, ScheduledEventKind.IpiArrival, KernelConstants.BlockedWaitVector, token: 5));
        queue.Enqueue(Event(10, ScheduledEventKind.ThreadResume, token: 6));

        Assert.Equal(6, queue.Count);
        Assert.True(queue.TryPeekTime(out long first));
        Assert.Equal(10, first);
        var order = new System.Collections.Generic.List<int>();
        while (queue.TryDequeue(out var e))
        {
            order.Add(e.Token);
        }

        Assert.Equal(new[] { 5, 3, 4, 2, 6, 1 }, order);
    }

    [Fact]
    public void The_queue_tells_whether_an_event_matching_a_condition_is_queued()
    {
        var queue = new EventQueue();
        Assert.False(queue.Any(_ => true));

        queue.Enqueue(Event(30, ScheduledEventKind.IpiArrival, KernelConstants.NotificationVector, token: 1));
        queue.Enqueue(Event(10, ScheduledEventKind.DeliverPending, token: 2));

        Assert.True(queue.Any(e => e.Kind == ScheduledEventKind.IpiArrival && e.Time <= 30));
        Assert.True(queue.Any(e => e.Token == 2));
        Assert.False(queue.Any(e => e.Kind == ScheduledEventKind.IpiArrival && e.Time < 30));
        Assert.Equal(2, queue.Count);
    }

    [Theory]
    [InlineData((int)ScheduledEventKind.IpiArrival, 0x20, 0, true)]
    [InlineData((int)ScheduledEventKind.IpiArrival, KernelConstants.NotificationVector, 1, true)]
    [InlineData((int)ScheduledEventKind.KernelStep, -1, 1, true)]
    [InlineData((int)ScheduledEventKind.DeliverPending, -1, 2, true)]
    [InlineData((int)ScheduledEventKind.ThreadResume, -1, 3, false)]
    public void Priority_class_puts_ordinary_interrupts_first_and_user_interrupt_delivery_after_notifications(int kind, int vector, int priorityClass, bool hardware)
    {
        var e = Event(0, (ScheduledEventKind)kind, vector);

        Assert.Equal(priorityClass, e.PriorityClass);
        Assert.Equal(hardware, e.IsHardware);
    }

    [Fact]
    public void xAPIC_mode_refuses_more_cores_than_8_bit_APIC_IDs_can_name()
    {
        Assert.Equal(254u, SimulatedMachine.ApicIdOf(127));
        _ = new SimulatedMachine(new SimulatorOptions { Cores = 128, X2Apic = false }, UintrTiming.SapphireRapids);

        var error = Assert.Throws<ArgumentException>(() => new SimulatedMachine(new SimulatorOptions { Cores = 129, X2Apic = false }, UintrTiming.SapphireRapids));

        Assert.Contains("129", error.Message);
        _ = new SimulatedMachine(new SimulatorOptions { Cores = 129, X2Apic = true }, UintrTiming.SapphireRapids);
    }

    [Theory]
    [InlineData(6u, 3)]
    [InlineData(0u, 0)]
    [InlineData(3u, -1)]
    [InlineData(8u, -1)]
    public void A_notification_goes_to_the_core_with_the_APIC_ID_in_NDST_and_is_dropped_when_there_is_none(uint apicId, int core)
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        ulong upid = rx.Receiver!.UpidAddress;
        ulong control = Upid.ReadControl(f.Machine.Memory, upid) & ~(0xFFFF_FFFFUL << Upid.NdstShift);
        Upid.WriteControl(f.Machine.Memory, upid, control | Upid.EncodeNdst(apicId, x2Apic: true));
        long now = f.Machine.Now;

        var result = f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, now);

        Assert.True(result.SendNotification);
        Assert.Equal(1UL << 5, f.Pir(rx));
        if (core < 0)
        {
            Assert.Equal(0, f.Machine.Queue.Count);
            return;
        }

        Assert.True(f.Machine.Queue.TryDequeue(out var ipi));
        Assert.Equal(ScheduledEventKind.IpiArrival, ipi.Kind);
        Assert.Equal(core, ipi.Core);
        Assert.Equal(KernelConstants.NotificationVector, ipi.Vector);
        Assert.True(ipi.Time >= now + f.Machine.Timing.SenduipiCycles + f.Machine.Timing.IpiFlightCycles);
    }

    [Fact]
    public void Sends_notifications_suppressed_sends_and_deliveries_are_counted()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        var stats = f.Machine.Statistics;

        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 0);
        f.Machine.ExecuteSenduipi(f.Machine.Cores[1], 0, 1);

        Assert.Equal(2, stats.Sends);
        Assert.Equal(1, stats.SuppressedNotifications);
        Assert.Equal(0, stats.Notifications);
        f.RunUntilIdle();
        Assert.Equal(1, stats.Notifications);
        Assert.Equal(1UL << 5, rx.UintrState.Uirr);
        Assert.Equal(0, stats.Deliveries);
    }

    [Fact]
    public void An_interrupt_arriving_while_the_core_is_busy_is_taken_at_the_next_boundary()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5);
        var tx = f.RunningTask(1, "tx");
        f.Kernel.RegisterSender(tx, fds[0], 0);
        Senduipi.Execute(tx.Cpu!, 0);
        f.Machine.Cores[0].BusyUntil = 5_000;

        f.Machine.Process(new ScheduledEvent(100, ScheduledEventKind.IpiArrival, 0, KernelConstants.NotificationVector, null, 0));

        Assert.Equal(0UL, rx.UintrState.Uirr);
        Assert.True(f.Machine.Queue.TryDequeue(out var retried));
        Assert.Equal(5_000, retried.Time);
        Assert.Equal(ScheduledEventKind.IpiArrival, retried.Kind);
    }

    /// <summary>
    /// Kernel steps and uintr_wait timer expiries are the kernel's own work, not interrupts taken at a user instruction
    /// boundary: they run at their cycle even while core 0 (where they are queued) is inside an instruction.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kernel_work_runs_at_its_cycle_even_while_core_0_is_busy(bool timerExpiry)
    {
        var kind = timerExpiry ? ScheduledEventKind.WaitTimer : ScheduledEventKind.KernelStep;
        var f = new KernelFixture();
        f.Machine.Cores[0].BusyUntil = 5_000;
        long ranAt = -1;

        f.Machine.Process(new ScheduledEvent(100, kind, 0, -1, null, 0, time => ranAt = time));

        Assert.Equal(100, ranAt);
        Assert.False(f.Machine.Queue.TryDequeue(out _));
    }

    [Fact]
    public void A_thread_event_is_not_a_machine_event()
    {
        var f = new KernelFixture();

        var error = Assert.Throws<InvalidOperationException>(() => f.Machine.Process(new ScheduledEvent(0, ScheduledEventKind.ThreadResume, 0, -1, null, 0)));

        Assert.Equal("ThreadResume is not a hardware event.", error.Message);
    }

    [Fact]
    public void Without_jitter_a_cost_is_exact_and_with_jitter_it_stays_within_the_relative_bound()
    {
        var exact = new SimulatedMachine(new SimulatorOptions { Cores = 1 }, UintrTiming.SapphireRapids);
        Assert.Equal(1000, exact.Cost(1000));
        Assert.Equal(0, exact.Cost(0));

        var jittered = new SimulatedMachine(new SimulatorOptions { Cores = 1, TimingJitter = 0.25, Seed = 3 }, UintrTiming.SapphireRapids);
        var seen = new System.Collections.Generic.HashSet<long>();
        for (int i = 0; i < 200; i++)
        {
            long cost = jittered.Cost(1000);
            Assert.InRange(cost, 750, 1250);
            seen.Add(cost);
        }

        Assert.True(seen.Count > 10);
        Assert.Contains(seen, c => c < 1000);
        Assert.Contains(seen, c => c > 1000);
        Assert.Equal(1, jittered.Cost(0));
    }

    [Fact]
    public void SYSCALL_saves_RIP_in_RCX_and_RFLAGS_in_R11_and_an_unknown_number_returns_ENOSYS()
    {
        var f = new KernelFixture();
        var instructions = new CoreSystemInstructions(f.Machine, 0);
        var regs = new RegisterFile { Rip = 0x5555_0000_2000, Rflags = 0x246 };
        regs[Gpr.Rax] = 39;

        long cycles = instructions.Syscall(regs);

        Assert.Equal(f.Machine.Timing.SyscallCycles, cycles);
        Assert.Equal(0x5555_0000_2000UL, regs[Gpr.Rcx]);
        Assert.Equal(0x246UL, regs[Gpr.R11]);
        Assert.Equal(unchecked((ulong)-(long)Errno.ENOSYS), regs[Gpr.Rax]);
    }

    [Theory]
    [InlineData(UintrKernel.FutexWake)]
    [InlineData(UintrKernel.FutexWake | UintrKernel.FutexPrivateFlag)]
    public void SYSCALL_futex_wake_wakes_the_waiters_and_returns_how_many(int operation)
    {
        var f = new KernelFixture();
        ulong word = f.Machine.UserMemory.Allocate(64, 64);
        var a = f.RunningTask(1, "a");
        var b = f.RunningTask(2, "b");
        Assert.Null(f.Kernel.FutexWaitOn(a, word, 0));
        Assert.Null(f.Kernel.FutexWaitOn(b, word, 0));
        var regs = new RegisterFile();
        regs[Gpr.Rax] = UintrKernel.FutexSyscallNumber;
        regs[Gpr.Rdi] = word;
        regs[Gpr.Rsi] = (ulong)operation;
        regs[Gpr.Rdx] = 0xFFFF_FFFF_0000_0001;

        new CoreSystemInstructions(f.Machine, 0).Syscall(regs);

        Assert.Equal(1UL, regs[Gpr.Rax]);
        f.RunUntilIdle();
        Assert.False(f.Kernel.IsBlocked(a));
        Assert.True(f.Kernel.IsBlocked(b));
    }

    [Fact]
    public void A_futex_wait_is_not_served_through_SYSCALL()
    {
        var f = new KernelFixture();
        var regs = new RegisterFile();
        regs[Gpr.Rax] = UintrKernel.FutexSyscallNumber;
        regs[Gpr.Rsi] = UintrKernel.FutexWait;

        new CoreSystemInstructions(f.Machine, 0).Syscall(regs);

        Assert.Equal(unchecked((ulong)-(long)Errno.ENOSYS), regs[Gpr.Rax]);
    }
}
