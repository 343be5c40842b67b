using System;
using System.IO;
using System.Runtime.InteropServices;

namespace IpcChannel.Tests;

public sealed unsafe class RingTests
{
    private static SharedRing NewRing(int capacity, out byte* memory)
    {
        int bytes = SharedRing.BytesFor(capacity);
        memory = (byte*)NativeMemory.AllocZeroed((nuint)bytes);
        return new SharedRing(memory, capacity);
    }

    [Fact]
    public void Entries_come_out_in_order_across_many_wrap_arounds()
    {
        var ring = NewRing(4, out byte* memory);
        try
        {
            long next = 0;
            for (long i = 0; i < 40; i++)
            {
                Assert.True(ring.TryWrite(i, i * 2, -i, 7));
                if (i % 3 == 2)
                {
                    while (ring.TryRead(out long w0, out long w1, out long w2, out long w3))
                    {
                        Assert.Equal((next, next * 2, -next, 7L), (w0, w1, w2, w3));
                        next++;
                    }
                }
            }

            while (ring.TryRead(out long w0, out _, out _, out _))
            {
                Assert.Equal(next++, w0);
            }

            Assert.Equal(40, next);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void A_full_ring_refuses_without_writing_and_an_empty_one_reads_nothing()
    {
        var ring = NewRing(2, out byte* memory);
        try
        {
            Assert.False(ring.TryRead(out long _, out _, out _, out _));
            Assert.True(ring.TryWrite(1, 0, 0, 0));
            Assert.True(ring.TryWrite(2, 0, 0, 0));
            Assert.False(ring.TryWrite(3, 0, 0, 0));
            Assert.Equal(2, ring.Count);
            Assert.True(ring.TryRead(out long first, out _, out _, out _));
            Assert.Equal(1, first);
            Assert.True(ring.TryWrite(3, 0, 0, 0));
            Assert.True(ring.TryRead(out long second, out _, out _, out _));
            Assert.True(ring.TryRead(out long third, out _, out _, out _));
            Assert.Equal((2L, 3L), (second, third));
            Assert.True(ring.IsEmpty);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void The_capacity_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedRing(null, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedRing(null, 0));
    }

    [Fact]
    public void Requests_and_replies_keep_every_field()
    {
        var ring = NewRing(8, out byte* memory);
        try
        {
            Assert.True(ring.TryWrite(new Request(5, RequestKind.Stop, -3, long.MaxValue)));
            Assert.True(ring.TryRead(out Request request));
            Assert.Equal(new Request(5, RequestKind.Stop, -3, long.MaxValue), request);
            Assert.True(ring.TryWrite(new Reply(9, -1)));
            Assert.True(ring.TryRead(out Reply reply));
            Assert.Equal(new Reply(9, -1), reply);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void Two_mappings_of_the_region_file_share_both_rings_and_the_creator_removes_the_file()
    {
        string path;
        using (var created = SharedRegion.Create("ipcchannel-test"))
        {
            path = created.Path;
            using var opened = SharedRegion.Open(created.Path);
            Assert.True(created.Requests.TryWrite(new Request(1, RequestKind.Compute, 2, 3)));
            Assert.True(opened.Requests.TryRead(out Request request));
            Assert.Equal(1, request.Sequence);
            Assert.True(opened.Replies.TryWrite(Service.Answer(request)));
            Assert.True(created.Replies.TryRead(out Reply reply));
            Assert.Equal(Service.Compute(2, 3), reply.Result);
            Assert.True(created.Requests.IsEmpty);
        }

        Assert.False(File.Exists(path));
        Assert.Throws<FileNotFoundException>(() => SharedRegion.Open(path));
    }
}
