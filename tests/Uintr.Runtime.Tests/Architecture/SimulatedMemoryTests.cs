using System;
using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

public class SimulatedMemoryTests
{
    private const ulong Page = SimulatedMemory.PageSize;

    [Fact]
    public void Mapping_zero_bytes_maps_nothing_even_at_an_unaligned_address()
    {
        var memory = new SimulatedMemory();

        memory.Map((5 * Page) + 1, 0);

        Assert.False(memory.IsMapped(5 * Page, 1));
        Assert.Throws<PageFaultException>(() => memory.ReadByte((5 * Page) + 1));
    }

    [Fact]
    public void A_range_that_straddles_a_page_boundary_maps_both_pages_and_no_more()
    {
        var memory = new SimulatedMemory();

        memory.Map((2 * Page) - 1, 2);

        Assert.True(memory.IsMapped(Page, Page));
        Assert.True(memory.IsMapped(2 * Page, Page));
        Assert.False(memory.IsMapped(0, 1));
        Assert.False(memory.IsMapped(3 * Page, 1));
        Assert.False(memory.IsMapped((3 * Page) - 1, 2));
        Assert.True(memory.IsMapped(12345, 0));
    }

    [Fact]
    public void Mapping_again_keeps_the_contents()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);
        memory.WriteUInt64(Page + 8, 0xDEAD_BEEF);

        memory.Map(Page, 2 * Page);

        Assert.Equal(0xDEAD_BEEFUL, memory.ReadUInt64(Page + 8));
    }

    [Fact]
    public void Unmapping_faults_later_accesses_even_to_a_page_just_read()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, 2 * Page);
        memory.WriteByte(Page, 7);
        Assert.Equal(7, memory.ReadByte(Page));

        memory.Unmap(Page, 1);

        var fault = Assert.Throws<PageFaultException>(() => memory.ReadByte(Page));
        Assert.Equal(Page, fault.Address);
        Assert.True(memory.IsMapped(2 * Page, Page));
        memory.Unmap(2 * Page, 0);
        Assert.True(memory.IsMapped(2 * Page, Page));
    }

    [Fact]
    public void Empty_ranges_at_unaligned_addresses_unmap_write_and_fault_nothing()
    {
        var memory = new SimulatedMemory();
        memory.Map(5 * Page, Page);
        memory.WriteByte((5 * Page) + 1, 9);

        memory.Unmap((5 * Page) + 1, 0);
        memory.Write((7 * Page) + 3, ReadOnlySpan<byte>.Empty);
        memory.Read((7 * Page) + 3, Span<byte>.Empty);

        Assert.Equal(9, memory.ReadByte((5 * Page) + 1));
        Assert.True(memory.IsMapped((7 * Page) + 3, 0));
    }

    [Fact]
    public void The_first_page_is_unmapped_like_any_other_until_mapped()
    {
        var memory = new SimulatedMemory();

        Assert.Equal(0UL, Assert.Throws<PageFaultException>(() => memory.ReadUInt64(0)).Address);
        Assert.Equal(8UL, Assert.Throws<PageFaultException>(() => memory.ReadByte(8)).Address);
        Assert.Throws<PageFaultException>(() => memory.WriteUInt64(16, 1));

        memory.Map(0, 1);
        memory.WriteUInt64(16, 0xABCD);
        Assert.Equal(0xABCDUL, memory.ReadUInt64(16));
    }

    [Fact]
    public void Pages_that_share_a_cache_slot_keep_their_own_contents()
    {
        var memory = new SimulatedMemory();
        ulong a = 3 * Page;
        ulong b = (3 + 32) * Page;
        ulong c = (3 + 64) * Page;
        memory.Map(a, 1);
        memory.Map(b, 1);
        memory.Map(c, 1);

        memory.WriteUInt64(a, 1);
        memory.WriteUInt64(b, 2);
        memory.WriteUInt64(c, 3);

        Assert.Equal(1UL, memory.ReadUInt64(a));
        Assert.Equal(2UL, memory.ReadUInt64(b));
        Assert.Equal(3UL, memory.ReadUInt64(c));
        Assert.Equal(1UL, memory.ReadUInt64(a));
    }

    [Theory]
    [InlineData(Page - 8)]
    [InlineData(Page - 7)]
    [InlineData(Page - 1)]
    [InlineData(0UL)]
    public void Quadwords_are_little_endian_at_every_offset_including_across_pages(ulong offset)
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, 2 * Page);
        ulong address = Page + offset;

        memory.WriteUInt64(address, 0x1122_3344_5566_7788);

        Assert.Equal(0x1122_3344_5566_7788UL, memory.ReadUInt64(address));
        Assert.Equal(0x88, memory.ReadByte(address));
        Assert.Equal(0x11, memory.ReadByte(address + 7));
        Assert.Equal(0, memory.ReadByte(address + 8));
        Assert.Equal(0x5566_7788U, memory.ReadUInt32(address));
        Assert.Equal(0x1122_3344U, memory.ReadUInt32(address + 4));
    }

    [Fact]
    public void A_quadword_that_runs_into_an_unmapped_page_faults()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);

        Assert.Throws<PageFaultException>(() => memory.ReadUInt64((2 * Page) - 4));
        Assert.Throws<PageFaultException>(() => memory.WriteUInt64((2 * Page) - 4, 1));
        Assert.Equal(0U, memory.ReadUInt32((2 * Page) - 4));
    }

    [Fact]
    public void The_last_quadword_of_a_page_needs_no_next_page_and_the_first_no_previous_one()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);

        memory.WriteUInt64((2 * Page) - 8, 0x0102_0304_0506_0708);
        memory.WriteUInt64(Page, 0x1112_1314_1516_1718);

        Assert.Equal(0x0102_0304_0506_0708UL, memory.ReadUInt64((2 * Page) - 8));
        Assert.Equal(0x1112_1314_1516_1718UL, memory.ReadUInt64(Page));
        Assert.Equal(0x0102_0304U, memory.ReadUInt32((2 * Page) - 4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void A_quadword_store_that_faults_on_its_second_page_writes_nothing(int bytesInFirstPage)
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);
        ulong address = (2 * Page) - (ulong)bytesInFirstPage;
        memory.WriteUInt64((2 * Page) - 8, 0xAAAA_AAAA_AAAA_AAAA);

        var fault = Assert.Throws<PageFaultException>(() => memory.WriteUInt64(address, 0));

        Assert.Equal(2 * Page, fault.Address);
        Assert.Equal(0xAAAA_AAAA_AAAA_AAAAUL, memory.ReadUInt64((2 * Page) - 8));
        Assert.Equal(2 * Page, Assert.Throws<PageFaultException>(() => memory.ReadUInt64(address)).Address);
    }

    [Fact]
    public void A_page_exactly_mapped_or_unmapped_leaves_its_neighbours_alone()
    {
        var memory = new SimulatedMemory();

        memory.Map(Page, Page);
        Assert.True(memory.IsMapped(Page, Page));
        Assert.False(memory.IsMapped(2 * Page, 1));

        memory.Map(0, 3 * Page);
        memory.Unmap(Page, Page);
        Assert.False(memory.IsMapped(Page, 1));
        Assert.True(memory.IsMapped(0, Page));
        Assert.True(memory.IsMapped(2 * Page, Page));
    }

    [Fact]
    public void A_store_that_fills_a_page_needs_no_next_page_and_one_that_runs_past_it_writes_nothing()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);
        var full = new byte[Page];
        Array.Fill(full, (byte)0x5A);

        memory.Write(Page, full);
        var fault = Assert.Throws<PageFaultException>(() => memory.WriteUInt32((2 * Page) - 2, 0x0102_0304));

        Assert.Equal(2 * Page, fault.Address);
        Assert.Equal(0x5A5AU, memory.ReadUInt32((2 * Page) - 4) >> 16);
        Assert.Equal(0x5A, memory.ReadByte((2 * Page) - 2));
        Assert.Equal(0x5A, memory.ReadByte((2 * Page) - 1));
    }

    [Fact]
    public void A_doubleword_write_touches_four_bytes_only()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, Page);
        memory.WriteUInt64(Page, ulong.MaxValue);

        memory.WriteUInt32(Page, 0xA1B2_C3D4);

        Assert.Equal(0xFFFF_FFFF_A1B2_C3D4UL, memory.ReadUInt64(Page));
    }

    [Fact]
    public void Spans_read_and_write_byte_for_byte()
    {
        var memory = new SimulatedMemory();
        memory.Map(Page, 2 * Page);
        byte[] data = { 1, 2, 3, 4, 5 };

        memory.Write((2 * Page) - 2, data);
        var back = new byte[5];
        memory.Read((2 * Page) - 2, back);

        Assert.Equal(data, back);
        Assert.Equal(3, memory.ReadByte(2 * Page));
    }
}
