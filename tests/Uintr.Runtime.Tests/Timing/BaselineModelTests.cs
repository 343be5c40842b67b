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

    public static IEnumerable<object[]> SymmetricModels() => Models().Where(m => !((string)m[0]).StartsWith("Pipe, as benchmarked", System.StringComparison.Ordinal));

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
