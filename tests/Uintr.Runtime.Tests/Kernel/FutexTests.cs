using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// futex(2) as the trampoline's waiter wake-up uses it (man 2 futex): FUTEX_WAIT fails with EINVAL on an address that is
/// not 4-byte aligned and with EAGAIN when the word does not hold the expected value, else sleeps; FUTEX_WAKE wakes at
/// most the given number of waiters on that word and returns how many it woke.
/// </summary>
public class FutexTests
{
    private static (KernelFixture F, ulong Word) WithWord()
    {
        var f = new KernelFixture();
        ulong word = f.Machine.UserMemory.Allocate(64, 64);
        f.Machine.Memory.WriteUInt32(word, 7);
        return (f, word);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FUTEX_WAIT_on_an_unaligned_word_is_EINVAL_and_does_not_sleep(int misalignment)
    {
        var (f, word) = WithWord();
        var task = f.RunningTask(0);

        var result = f.Kernel.FutexWaitOn(task, word + (ulong)misalignment, 7);

        Assert.Equal(Errno.EINVAL, result!.Value.Error);
        Assert.False(f.Kernel.IsBlocked(task));
    }

    [Fact]
    public void FUTEX_WAIT_when_the_word_changed_is_EAGAIN_and_does_not_sleep()
    {
        var (f, word) = WithWord();
        var task = f.RunningTask(0);

        var result = f.Kernel.FutexWaitOn(task, word, 8);

        Assert.Equal(UintrKernel.EAGAIN, result!.Value.Error);
        Assert.False(f.Kernel.IsBlocked(task));
    }

    [Fact]
    public void FUTEX_WAKE_wakes_at_most_count_waiters_of_that_word_only_and_returns_how_many()
    {
        var (f, word) = WithWord();
        ulong other = word + 4;
        f.Machine.Memory.WriteUInt32(other, 7);
        var a = f.RunningTask(0, "a");
        var b = f.RunningTask(1, "b");
        var c = f.RunningTask(2, "c");
        var elsewhere = f.RunningTask(3, "elsewhere");
        Assert.Null(f.Kernel.FutexWaitOn(a, word, 7));
        Assert.Null(f.Kernel.FutexWaitOn(elsewhere, other, 7));
        Assert.Null(f.Kernel.FutexWaitOn(b, word, 7));
        Assert.Null(f.Kernel.FutexWaitOn(c, word, 7));

        Assert.Equal(2, f.Kernel.FutexWakeOn(word, 2, f.Machine.Now, 10, 10));
        f.RunUntilIdle();

        Assert.False(f.Kernel.IsBlocked(a));
        Assert.False(f.Kernel.IsBlocked(b));
        Assert.True(f.Kernel.IsBlocked(c));
        Assert.True(f.Kernel.IsBlocked(elsewhere));
        Assert.Equal(0, a.WakeResult.Value);
        Assert.False(a.WakeResult.Failed);

        Assert.Equal(1, f.Kernel.FutexWakeOn(word, int.MaxValue, f.Machine.Now, 10, 10));
        Assert.Equal(0, f.Kernel.FutexWakeOn(word, int.MaxValue, f.Machine.Now, 10, 10));
        Assert.Equal(1, f.Kernel.FutexWakeOn(other, 1, f.Machine.Now, 10, 10));
    }

    [Fact]
    public void FUTEX_WAKE_wakes_the_waiters_of_a_word_oldest_first()
    {
        var (f, word) = WithWord();
        var a = f.RunningTask(0, "a");
        var b = f.RunningTask(1, "b");
        var c = f.RunningTask(2, "c");
        Assert.Null(f.Kernel.FutexWaitOn(a, word, 7));
        Assert.Null(f.Kernel.FutexWaitOn(b, word, 7));
        Assert.Null(f.Kernel.FutexWaitOn(c, word, 7));

        Assert.Equal(2, f.Kernel.FutexWakeOn(word, 2, f.Machine.Now, 10, 10));
        f.RunUntilIdle();

        Assert.False(f.Kernel.IsBlocked(a));
        Assert.False(f.Kernel.IsBlocked(b));
        Assert.True(f.Kernel.IsBlocked(c));
    }

    [Fact]
    public void A_woken_waiter_returns_to_user_space_after_the_wake_up_cost()
    {
        var (f, word) = WithWord();
        var task = f.RunningTask(0);
        Assert.Null(f.Kernel.FutexWaitOn(task, word, 7));
        f.Machine.Now = 10_000;

        f.Kernel.FutexWakeOn(word, 1, f.Machine.Now, 500, 10);
        f.RunUntilIdle();

        Assert.True(f.Machine.Now >= 10_500, $"returned to user at cycle {f.Machine.Now}");
        Assert.False(f.Kernel.IsBlocked(task));
    }

    [Fact]
    public void A_waiter_that_left_its_wait_another_way_is_not_counted_by_FUTEX_WAKE()
    {
        var (f, word) = WithWord();
        var gone = f.RunningTask(0, "gone");
        var waiting = f.RunningTask(1, "waiting");
        Assert.Null(f.Kernel.FutexWaitOn(gone, word, 7));
        Assert.Null(f.Kernel.FutexWaitOn(waiting, word, 7));
        f.Kernel.AbortBlock(gone, f.Machine.Now);

        Assert.Equal(1, f.Kernel.FutexWakeOn(word, 1, f.Machine.Now, 10, 10));
        f.RunUntilIdle();

        Assert.False(f.Kernel.IsBlocked(waiting));
        Assert.Equal(0, f.Kernel.FutexWakeOn(word, 1, f.Machine.Now, 10, 10));
    }

    [Fact]
    public void A_task_waiting_again_is_queued_once_on_its_new_word()
    {
        var (f, word) = WithWord();
        ulong other = word + 8;
        f.Machine.Memory.WriteUInt32(other, 7);
        var task = f.RunningTask(0);
        Assert.Null(f.Kernel.FutexWaitOn(task, word, 7));
        f.Kernel.AbortBlock(task, f.Machine.Now);
        Assert.Null(f.Kernel.FutexWaitOn(task, other, 7));

        Assert.Equal(0, f.Kernel.FutexWakeOn(word, 5, f.Machine.Now, 10, 10));
        Assert.Equal(1, f.Kernel.FutexWakeOn(other, 5, f.Machine.Now, 10, 10));
    }
}
