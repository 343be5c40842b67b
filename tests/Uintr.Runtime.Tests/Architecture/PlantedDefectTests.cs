using Uintr.Simulation;
using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

/// <summary>
/// The defects the schedule explorer's tests plant in the instruction layer do exactly what <see cref="PlantedBugs"/>
/// says, one flow at a time, and nothing else: the explorer's own tests (slow, thousands of schedules) rely on each one
/// breaking the rule it names. Each test also runs the same step unplanted, which follows the SDM. (The defects are an
/// internal type, so the theories pass them as int.)
/// </summary>
public class PlantedDefectTests
{
    [Fact]
    public void SENDUIPI_that_never_sets_ON_still_posts_and_notifies()
    {
        var f = new UintrFixture();
        f.Sender.PlantedBugs = PlantedBugs.SenduipiNeverSetsOn;

        var result = Senduipi.Execute(f.Sender, 0);

        Assert.True(result.SendNotification);
        Assert.Equal(1UL << 5, f.Pir);
        Assert.Equal(0UL, f.Control & Upid.On);

        // A second send notifies again: nothing coalesces.
        Assert.True(Senduipi.Execute(f.Sender, 0).SendNotification);

        // ON set by anyone else still suppresses the notification: only the ON-ignoring defect notifies then.
        f.Control |= Upid.On;
        Assert.False(Senduipi.Execute(f.Sender, 0).SendNotification);
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, false)]
    [InlineData((int)PlantedBugs.SenduipiIgnoresOn, true)]
    public void SENDUIPI_that_ignores_ON_notifies_while_ON_is_set_but_never_while_SN_is(int planted, bool notifiesDespiteOn)
    {
        var f = new UintrFixture();
        f.Sender.PlantedBugs = (PlantedBugs)planted;

        // With SN and ON clear both notify and set ON, as SENDUIPI does.
        Assert.True(Senduipi.Execute(f.Sender, 0).SendNotification);
        Assert.Equal(Upid.On, f.Control & Upid.On);

        Assert.Equal(notifiesDespiteOn, Senduipi.Execute(f.Sender, 0).SendNotification);
        Assert.Equal(Upid.On, f.Control & Upid.On);

        f.Control = (f.Control & ~Upid.On) | Upid.Sn;
        Assert.False(Senduipi.Execute(f.Sender, 0).SendNotification);
        Assert.Equal(0UL, f.Control & Upid.On);
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, false)]
    [InlineData((int)PlantedBugs.DeliveryIgnoresUif, true)]
    public void Delivery_that_ignores_UIF_delivers_inside_a_CLUI_window(int planted, bool deliverable)
    {
        var f = new UintrFixture();
        f.Receiver.PlantedBugs = (PlantedBugs)planted;
        f.Receiver.State.Uirr = 1UL << 9;
        f.Receiver.State.Uif = false;

        Assert.Equal(deliverable, UserInterruptDelivery.CanDeliver(f.Receiver));
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, 7)]
    [InlineData((int)PlantedBugs.LowestVectorFirst, 3)]
    public void Delivery_that_takes_the_lowest_vector_pushes_and_clears_that_one(int planted, int expected)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.PlantedBugs = (PlantedBugs)planted;
        cpu.State.Uirr = (1UL << 3) | (1UL << 7);
        cpu.State.Uif = true;

        ulong rip = cpu.Registers.Rip;
        ulong rflags = cpu.Registers.Rflags;

        int vector = UserInterruptDelivery.Deliver(cpu);

        Assert.Equal(expected, vector);
        Assert.Equal((ulong)expected, f.Memory.ReadUInt64(cpu.Registers.Rsp));
        Assert.Equal(rip, f.Memory.ReadUInt64(cpu.Registers.Rsp + 8));
        Assert.Equal(rflags, f.Memory.ReadUInt64(cpu.Registers.Rsp + 16));
        Assert.Equal(((1UL << 3) | (1UL << 7)) & ~(1UL << expected), cpu.State.Uirr);
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, false)]
    [InlineData((int)PlantedBugs.FrameSwapsRipAndRflags, true)]
    public void Delivery_that_swaps_RIP_and_RFLAGS_in_the_frame_changes_nothing_else(int planted, bool swapped)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.PlantedBugs = (PlantedBugs)planted;
        cpu.State.Uirr = (1UL << 4) | (1UL << 2);
        cpu.State.Uif = true;
        ulong rip = cpu.Registers.Rip;
        ulong rflags = cpu.Registers.Rflags = 0x246;

        UserInterruptDelivery.Deliver(cpu);

        ulong rsp = cpu.Registers.Rsp;
        Assert.Equal(4UL, f.Memory.ReadUInt64(rsp));
        Assert.Equal(1UL << 2, cpu.State.Uirr);
        Assert.Equal(swapped ? rflags : rip, f.Memory.ReadUInt64(rsp + 8));
        Assert.Equal(swapped ? rip : rflags, f.Memory.ReadUInt64(rsp + 16));
        Assert.Equal(UintrFixture.HandlerAddress, cpu.Registers.Rip);
        Assert.Equal(rflags, cpu.Registers.Rflags);
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, false)]
    [InlineData((int)PlantedBugs.DeliveryLeavesUifSet, true)]
    public void Delivery_that_leaves_UIF_set_still_clears_the_vector(int planted, bool uif)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.PlantedBugs = (PlantedBugs)planted;
        cpu.State.Uirr = 1UL << 6;
        cpu.State.Uif = true;

        UserInterruptDelivery.Deliver(cpu);

        Assert.Equal(uif, cpu.State.Uif);
        Assert.Equal(0UL, cpu.State.Uirr);
    }

    [Theory]
    [InlineData((int)PlantedBugs.None, true)]
    [InlineData((int)PlantedBugs.UiretLeavesUifClear, false)]
    public void UIRET_that_leaves_UIF_clear_still_pops_the_frame(int planted, bool uif)
    {
        var f = new UintrFixture();
        var cpu = f.Receiver;
        cpu.PlantedBugs = (PlantedBugs)planted;
        ulong rsp = cpu.Registers.Rsp;
        f.Memory.WriteUInt64(rsp, 0x4000_1000);
        f.Memory.WriteUInt64(rsp + 8, 0x202);
        f.Memory.WriteUInt64(rsp + 16, 0x30_9000);

        Uiret.Execute(cpu);

        Assert.Equal(uif, cpu.State.Uif);
        Assert.Equal(0x4000_1000UL, cpu.Registers.Rip);
        Assert.Equal(0x30_9000UL, cpu.Registers.Rsp);
    }
}
