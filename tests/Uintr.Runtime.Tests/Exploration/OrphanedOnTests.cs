using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Exploration;

/// <summary>
/// The RFC v1 flaw the schedule explorer found (intel/uintr-linux-kernel arch/x86/kernel/uintr_core.c at 2100ffbe), step
/// by step: a post's notification is taken as an ordinary interrupt while the receiver is switched out, the last close's
/// receiver_clear_uvec then empties PIR and leaves ON, and switch_uintr_return sends no self-IPI for an empty PIR. ON
/// stays set, so the next post is not notified until a later return to user finds PIR non-zero.
/// </summary>
public class OrphanedOnTests
{
    [Fact]
    public void RFC_v1_a_last_close_after_an_ignored_notification_orphans_ON_until_the_next_return_to_user()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 5, 6);
        var tx = f.RunningTask(1, "tx");
        ulong five = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        ulong six = (ulong)f.Kernel.RegisterSender(tx, fds[1], 0).Value;

        Assert.True(f.Machine.ExecuteSenduipi(f.Machine.Cores[1], five, 0).SendNotification);
        f.Kernel.SwitchOut(rx);
        f.RunUntilIdle();   // the notification reaches core 0 with UINV cleared: an ordinary interrupt
        f.Kernel.Close(tx, fds[0]);
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now + 1000, 40);
        f.RunUntilIdle();

        Assert.Equal(0UL, f.Pir(rx));
        Assert.NotEqual(0UL, f.Control(rx) & Upid.On);
        Assert.Equal(1L, f.Kernel.OrphanedOnClears);

        // The next post finds ON set: no notification, so it waits in PIR while the receiver runs.
        Assert.False(f.Machine.ExecuteSenduipi(f.Machine.Cores[1], six, f.Machine.Now).SendNotification);
        f.RunUntilIdle();
        Assert.Equal(0UL, rx.UintrState.Uirr);
        Assert.Equal(1UL << 6, f.Pir(rx));

        // A later switch recovers: switch_uintr_return finds PIR non-zero and sends the self-IPI.
        f.Kernel.SwitchOut(rx);
        f.Kernel.ReturnToUser(rx, f.Machine.Cores[0].Cpu, f.Machine.Now + 1000, 40);
        f.RunUntilIdle();
        Assert.Equal(0UL, f.Control(rx) & Upid.On);
    }
}
