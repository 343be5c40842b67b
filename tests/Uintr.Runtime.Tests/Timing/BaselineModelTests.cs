using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Uintr.Simulation.Timing;
using Uintr.Simulation.Timing.Baselines;

namespace Uintr.Runtime.Tests.Timing;

public class BaselineModelTests
{
    public static IEnumerable<object[]> Models() =>
        new[] { "Futex", "Eventfd", "Pipe", "Unix domain socket", "Signal", "User IPI, receiver blocked in uintr_wait" }.Select(name => new object[] { name });

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
    [MemberData(nameof(Models))]
    public void A_round_trip_is_the_one_way_path_in_each_direction(string mechanism)
    {
        var model = Create(mechanism);
        Assert.All(model.RoundTrip().Components, c => Assert.Equal(2, c.Count));
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
