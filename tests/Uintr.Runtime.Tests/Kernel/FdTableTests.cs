using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Runtime.Tests.Kernel;

/// <summary>
/// The fd table (a new fd takes the lowest free number, as POSIX requires of open/dup) and the kernel's address-space
/// allocator (aligned, mapped, bounded) that UPIDs, UITTs and XSAVE areas come from.
/// </summary>
public class FdTableTests
{
    [Fact]
    public void A_new_fd_takes_the_lowest_free_number_so_a_closed_one_is_reused()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 1, 2, 3);
        Assert.Equal(new[] { fds[0], fds[0] + 1, fds[0] + 2 }, fds);

        Assert.False(f.Kernel.Close(rx, fds[1]).Failed);

        Assert.Equal(fds[1], f.Kernel.Dup(f.Process, fds[0]).Value);
        Assert.Equal(fds[2] + 1, f.Kernel.Dup(f.Process, fds[0]).Value);
    }

    [Fact]
    public void The_first_fd_is_KernelConstants_FirstFd()
    {
        var f = new KernelFixture();
        var (_, fds) = f.Receiver(0, 1);

        Assert.Equal(KernelConstants.FirstFd, fds[0]);
    }

    [Fact]
    public void Closing_a_dup_keeps_the_vector_registered_until_the_last_reference_goes()
    {
        var f = new KernelFixture();
        var (rx, fds) = f.Receiver(0, 4);
        int copy = (int)f.Kernel.Dup(f.Process, fds[0]).Value;

        f.Kernel.Close(rx, fds[0]);
        Assert.Equal(1UL << 4, rx.Receiver!.RegisteredVectors);

        f.Kernel.Close(rx, copy);
        Assert.Equal(0UL, rx.Receiver.RegisteredVectors);
    }

    [Theory]
    [InlineData(64UL)]
    [InlineData(4096UL)]
    public void Allocations_are_aligned_mapped_and_do_not_overlap(ulong alignment)
    {
        var memory = new SimulatedMemory();
        var allocator = new AddressSpaceAllocator(memory, 0x1_0010, 0x10_0000);

        ulong first = allocator.Allocate(24, alignment);
        ulong second = allocator.Allocate(100, alignment);

        Assert.Equal(0UL, first % alignment);
        Assert.Equal(0UL, second % alignment);
        Assert.True(first >= 0x1_0010);
        Assert.True(second >= first + 24);
        Assert.True(second < first + 24 + alignment);
        Assert.True(memory.IsMapped(first, 24));
        Assert.True(memory.IsMapped(second, 100));
    }

    [Fact]
    public void An_allocation_may_end_exactly_at_the_region_end_but_not_past_it()
    {
        var memory = new SimulatedMemory();
        var allocator = new AddressSpaceAllocator(memory, 0x1_0000, 0x1_2000);

        Assert.Equal(0x1_0000UL, allocator.Allocate(0x1000, 0x1000));
        Assert.Throws<System.InvalidOperationException>(() => allocator.Allocate(0x1001, 1));
        Assert.Equal(0x1_1000UL, allocator.Allocate(0x1000, 0x1000));
        Assert.True(memory.IsMapped(0x1_0000, 0x2000));
        Assert.Throws<System.InvalidOperationException>(() => allocator.Allocate(1, 1));
    }
}
