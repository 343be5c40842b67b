using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// RFC v1's receiver_clear_uvec clears the closed vector's PIR bit and leaves UPID.ON alone (arch/x86/kernel/uintr_core.c
/// at intel/uintr-linux-kernel 2100ffbe). When that empties the PIR while ON is set, ON is orphaned: every later
/// SENDUIPI sees ON = 1 and sends no notification. The kernel counts exactly those clears.
/// </summary>
public class OrphanedOnTests
{
    private static (KernelFixture F, SimTask Rx, int[] Fds, SimTask Tx) Connected(params int[] vectors)
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, vectors);
        var tx = f.RunningTask(1, "tx");
        foreach (int fd in fds)
        {
            f.Kernel.RegisterSender(tx, fd, 0);
        }

        return (f, rx, fds, tx);
    }

    [Fact]
    public void Emptying_the_PIR_while_ON_is_set_orphans_ON_and_is_counted()
    {
        var (f, rx, fds, tx) = Connected(5, 6, 7);
        Assert.True(Senduipi.Execute(tx.Cpu!, 0).SendNotification);

        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(0UL, f.Pir(rx));
        Assert.NotEqual(0UL, f.Control(rx) & Upid.On);
        Assert.Equal(1L, f.Kernel.OrphanedOnClears);

        // A close with nothing in the PIR empties nothing, even with ON still set.
        f.Kernel.Close(rx, fds[2]);
        Assert.Equal(1L, f.Kernel.OrphanedOnClears);
        Assert.False(Senduipi.Execute(tx.Cpu!, 1).SendNotification);
    }

    [Fact]
    public void A_clear_that_leaves_other_posts_in_the_PIR_orphans_nothing()
    {
        var (f, rx, fds, tx) = Connected(5, 6);
        Senduipi.Execute(tx.Cpu!, 0);
        Senduipi.Execute(tx.Cpu!, 1);

        f.Kernel.Close(rx, fds[0]);

        Assert.Equal(1UL << 6, f.Pir(rx));
        Assert.Equal(0L, f.Kernel.OrphanedOnClears);
    }

    [Fact]
    public void A_clear_with_ON_clear_or_nothing_posted_orphans_nothing()
    {
        var (f, rx, fds, tx) = Connected(5, 6);
        f.Kernel.Close(rx, fds[1]);
        Assert.Equal(0L, f.Kernel.OrphanedOnClears);

        f.Kernel.SwitchOut(rx);
        Assert.False(Senduipi.Execute(tx.Cpu!, 0).SendNotification);   // SN set: posted, ON stays 0
        f.Kernel.Close(tx, fds[0]);
        f.Kernel.RunTaskWork(rx);

        Assert.Equal(0UL, f.Pir(rx));
        Assert.Equal(0L, f.Kernel.OrphanedOnClears);
    }
}
