using Uintr.Simulation.Kernel;
using static Uintr.Runtime.Tests.Kernel.SchedulerFixture;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>Round-robin time slices: who runs on a core, when the next task is back in user space, and what counts as a migration.</summary>
public class TimeSlicePreemptionTests
{
    [Fact]
    public void A_task_alone_on_its_core_is_never_switched_out_and_an_idle_core_with_nothing_to_steal_stays_idle()
    {
        var s = new SchedulerFixture(managedCores: 2);
        var a = s.SwitchedOutTask("a");
        s.Scheduler.Admit(a, 0, 0);
        s.Scheduler.Start(0);

        s.RunUntil((5 * Slice) + 1);

        Assert.Equal(new[] { (a, 0, ReturnPath) }, s.Returns);
        Assert.Equal(0, s.Scheduler.ContextSwitches);
        Assert.Equal(0, s.Scheduler.Migrations);
        Assert.Equal(TaskRunState.Running, a.RunState);
        Assert.Same(a, s.Scheduler.CurrentOn(0));
        Assert.Null(s.Scheduler.CurrentOn(1));
    }

    [Fact]
    public void Tasks_sharing_a_core_take_turns_from_one_slice_after_Start_each_back_in_user_space_a_switch_after_the_tick()
    {
        var s = new SchedulerFixture(managedCores: 1);
        var a = s.SwitchedOutTask("a");
        var b = s.SwitchedOutTask("b");
        s.Scheduler.Admit(a, 0, 0);
        s.Scheduler.Admit(b, 0, 0);
        s.RunUntil(1_000);
        Assert.Equal(TaskRunState.Running, a.RunState);

        const long start = 5_000;
        s.Scheduler.Start(start);
        s.RunUntil(start + (4 * Slice) + Switch + ReturnPath);

        long Back(int ticks) => start + (ticks * Slice) + Switch + ReturnPath;
        Assert.Equal(new[] { (a, 0, ReturnPath), (b, 0, Back(1)), (a, 0, Back(2)), (b, 0, Back(3)), (a, 0, Back(4)) }, s.Returns);
        Assert.Equal(4, s.Scheduler.ContextSwitches);
        Assert.Equal(0, s.Scheduler.Migrations);   // each task resumes on the core it last ran on
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void An_idle_core_steals_one_waiting_task_from_the_longest_run_queue(int longer)
    {
        var s = new SchedulerFixture(managedCores: 3);
        int shorter = 1 - longer;
        var longQueue = new[] { s.SwitchedOutTask("l0", longer), s.SwitchedOutTask("l1", longer), s.SwitchedOutTask("l2", longer) };
        var shortQueue = new[] { s.SwitchedOutTask("s0", shorter), s.SwitchedOutTask("s1", shorter) };
        foreach (var task in longQueue)
        {
            s.Scheduler.Admit(task, longer, 0);
        }

        foreach (var task in shortQueue)
        {
            s.Scheduler.Admit(task, shorter, 0);
        }

        s.RunUntil(1_000);
        s.Scheduler.Start(1_000);
        long tick = 1_000 + Slice;
        s.RunUntil(tick + Switch + ReturnPath);

        // Cores 0 and 1 preempt at the same tick, which leaves their queue lengths (2 and 1 waiting) as they were.
        var stolen = s.Scheduler.CurrentOn(2);
        Assert.NotNull(stolen);
        Assert.Contains(stolen, longQueue);
        Assert.Same(s.F.Machine.Cores[2].Cpu, stolen!.Cpu);
        Assert.Contains((stolen, 2, tick + Switch + ReturnPath), s.Returns);
        Assert.Equal(1, s.Scheduler.Migrations);
        Assert.Equal(2, s.Scheduler.ContextSwitches);
    }
}
