using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Uintr.Simulation.Timing;
using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Runtime.Tests.Timing;

public class BaselineModelTests
{
    public static IEnumerable<object[]> Models() =>
        new[] { "Futex", "Eventfd", "Pipe", "Unix domain socket", "Signal", "User IPI, receiver blocked in uintr_wait", "Signal, as benchmarked (kill(0) + sigwait)", "Pipe, as benchmarked (pipe + kill/sigwait)" }
            .Select(name => new object[] { name });

    /// <summary>The protocols whose two directions are alike: not the benchmarked signal and pipe, whose kill(0) meets the group in a fixed order.</summary>
    public static IEnumerable<object[]> SymmetricModels() => Models().Where(m => !((string)m[0]).Contains("as benchmarked", System.StringComparison.Ordinal));

    private static IpcMechanismModel Create(string name)
    {
        var kernel = KernelTiming.SapphireRapids;
        var uintr = UintrTiming.SapphireRapids;
        IpcMechanismModel[] all =
        {
            new FutexModel(kernel, uintr),
            new EventfdModel(kernel, uintr),
            new PipeModel(kernel, uintr),
            new UnixSocketModel(kernel, uintr),
            new SignalModel(kernel, uintr),
            new BlockedUserIpiModel(kernel, uintr),
            new IpcBenchSignalModel(kernel, uintr),
            new IpcBenchPipeModel(kernel, uintr),
        };
        return all.Single(m => m.Name == name);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Breakdown_components_are_positive_and_sum_to_the_total(string mechanism)
    {
        var model = Create(mechanism);
        var roundTrip = model.RoundTrip();

        Assert.NotEmpty(roundTrip.Components);
        Assert.All(roundTrip.Components, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.True(c.CyclesEach > 0, c.Name);
            Assert.True(c.Count > 0, c.Name);
        });
        Assert.Equal(roundTrip.Components.Sum(c => c.CyclesEach * c.Count), roundTrip.TotalCycles);
    }

    [Theory]
    [MemberData(nameof(SymmetricModels))]
    public void A_round_trip_is_the_one_way_path_in_each_direction(string mechanism)
    {
        var model = Create(mechanism);
        // Every one-way component appears once per direction (a component taken n times one way appears 2n times).
        Assert.All(model.RoundTrip().Components, c => Assert.Equal(0, c.Count % 2));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_documents_its_protocol_and_how_the_RFC_benchmark_differs(string mechanism)
    {
        var model = Create(mechanism);
        Assert.False(string.IsNullOrWhiteSpace(model.Protocol));
        Assert.False(string.IsNullOrWhiteSpace(model.RfcBenchmarkDifference));
    }

    [Fact]
    public void Blocking_models_pay_the_wake_up_path_and_the_blocked_user_IPI_pays_the_kernel_interrupt()
    {
        var kernel = KernelTiming.SapphireRapids;
        var uintr = UintrTiming.SapphireRapids;

        var eventfd = new EventfdModel(kernel, uintr).RoundTrip();
        var blocked = new BlockedUserIpiModel(kernel, uintr).RoundTrip();

        Assert.Contains(eventfd.Components, c => c.CyclesEach == kernel.IdleExitCycles);
        Assert.Contains(eventfd.Components, c => c.CyclesEach == kernel.TryToWakeUpCycles);
        Assert.DoesNotContain(eventfd.Components, c => c.CyclesEach == kernel.KernelIpiReceiveCycles);
        Assert.Contains(blocked.Components, c => c.CyclesEach == kernel.KernelIpiReceiveCycles);
        Assert.Contains(blocked.Components, c => c.CyclesEach == uintr.SenduipiCycles);
    }

    /// <summary>
    /// goldsborough/ipc-bench's kill(0) reaches the group newest member first (client, server, parent): the server's
    /// message wakes the client first, the client's reply first queues a copy to the client itself (its empty handler).
    /// </summary>
    [Fact]
    public void The_benchmarked_signal_pays_one_extra_generation_per_round_trip_and_nothing_for_the_other_members()
    {
        var kernel = KernelTiming.SapphireRapids;
        var roundTrip = new IpcBenchSignalModel(kernel, UintrTiming.SapphireRapids).RoundTrip();

        Assert.Equal(3, roundTrip.Components.Where(c => c.Name.StartsWith("signal generation", System.StringComparison.Ordinal)).Sum(c => c.Count));
        Assert.Equal(2, roundTrip.Components.Single(c => c.Name == "try_to_wake_up (waker's core)").Count);
        long expected = 2 * (kernel.SyscallEntryCycles + kernel.SignalGenerationCycles + kernel.TryToWakeUpCycles + kernel.IdleExitCycles + kernel.EnqueueTaskCycles
            + kernel.ScheduleCycles + kernel.ContextSwitchCycles + kernel.FpuRestoreCycles + kernel.SigtimedwaitReturnCycles + kernel.SyscallExitCycles)
            + kernel.SignalGenerationCycles;
        Assert.Equal(expected, roundTrip.TotalCycles);
    }

    /// <summary>
    /// The blocked path has every step of the benchmarked signal's wake-up of an idle core except the signal's own work,
    /// plus the interrupt, the UINTR return work and the delivery (uintr_core.c at 2100ffbe).
    /// </summary>
    [Fact]
    public void The_blocked_user_IPI_takes_the_self_IPI_as_a_notification_and_cancels_the_wait_timer()
    {
        var kernel = KernelTiming.SapphireRapids;
        var uintr = UintrTiming.SapphireRapids;
        var blocked = new BlockedUserIpiModel(kernel, uintr).RoundTrip();

        Assert.Equal(2, blocked.Components.Single(c => c.Name.StartsWith("notification processing", System.StringComparison.Ordinal)).Count);
        Assert.Equal(uintr.NotificationProcessingCycles, blocked.Components.Single(c => c.Name.StartsWith("notification processing", System.StringComparison.Ordinal)).CyclesEach);
        Assert.Equal(kernel.HrtimerCancelCycles, blocked.Components.Single(c => c.Name.StartsWith("hrtimer_cancel", System.StringComparison.Ordinal)).CyclesEach);
        Assert.Equal(kernel.UintrWakeScanCycles, blocked.Components.Single(c => c.Name.StartsWith("uintr_wake_up_process", System.StringComparison.Ordinal)).CyclesEach);
    }

    [Fact]
    public void The_benchmarked_pipe_is_the_benchmarked_signal_plus_one_pipe_write_and_read()
    {
        var kernel = KernelTiming.SapphireRapids;
        var uintr = UintrTiming.SapphireRapids;

        long signal = new IpcBenchSignalModel(kernel, uintr).RoundTrip().TotalCycles;
        long pipe = new IpcBenchPipeModel(kernel, uintr).RoundTrip().TotalCycles;
        long writeAndRead = 2 * (kernel.SyscallEntryCycles + kernel.SyscallExitCycles + kernel.SmallUserCopyCycles) + kernel.PipeWriteCycles + kernel.PipeReadCycles;

        Assert.Equal(signal + writeAndRead, pipe);
    }

    [Fact]
    public void Components_follow_the_timing_parameters()
    {
        var slower = KernelTiming.SapphireRapids with { IdleExitCycles = KernelTiming.SapphireRapids.IdleExitCycles + 1000 };
        var uintr = UintrTiming.SapphireRapids;

        long before = new PipeModel(KernelTiming.SapphireRapids, uintr).RoundTrip().TotalCycles;
        long after = new PipeModel(slower, uintr).RoundTrip().TotalCycles;

        Assert.Equal(before + 2000, after);
    }

    [Fact]
    public void Every_kernel_and_uintr_timing_parameter_is_positive()
    {
        foreach (object timing in new object[] { KernelTiming.SapphireRapids, UintrTiming.SapphireRapids })
        {
            var properties = timing.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(long));
            Assert.All(properties, p => Assert.True((long)p.GetValue(timing)! > 0, p.Name));
        }
    }

    [Fact]
    public void The_kernel_IPI_costs_are_the_Skyloft_figures()
    {
        Assert.Equal(437, KernelTiming.SapphireRapids.KernelIpiSendCycles);
        Assert.Equal(1582, KernelTiming.SapphireRapids.KernelIpiReceiveCycles);
    }
}
