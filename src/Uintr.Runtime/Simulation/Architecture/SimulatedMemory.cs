using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Uintr.Simulation.Architecture;

/// <summary>
/// Sparse little-endian physical memory of the simulated machine, in 4 KiB pages. UPIDs, UITTs,
/// stacks, pending words and trampolines all live here, so every structure has its real bit layout.
/// Touching a page that was never mapped raises <see cref="PageFaultException"/>.
/// </summary>
internal sealed class SimulatedMemory
{
    public const int PageSize = 4096;
    private const ulong PageMask = PageSize - 1;

    /// <summary>A direct-mapped cache of recently used pages: a delivery touches a handful (UITT, UPID, stack, pending word).</summary>
    private const int CacheSlots = 32;

    private static readonly CachedPage NoPage = new(ulong.MaxValue, null);

    private readonly Dictionary<ulong, byte[]> _pages = new();
    private readonly CachedPage[] _cache = NewCache();

    /// <summary>Maps zero-filled pages covering [<paramref name="address"/>, <paramref name="address"/> + <paramref name="length"/>).</summary>
    public void Map(ulong address, ulong length)
    {
        var (first, last) = PagesCovering(address, length);
        for (ulong page = first; page <= last; page++)
        {
            if (!_pages.ContainsKey(page))
            {
                _pages.Add(page, new byte[PageSize]);
            }
        }
    }

    /// <summary>Removes the pages covering the range; later accesses fault.</summary>
    public void Unmap(ulong address, ulong length)
    {
        var (first, last) = PagesCovering(address, length);
        for (ulong page = first; page <= last; page++)
        {
            _pages.Remove(page);
        }

        System.Array.Fill(_cache, NoPage);
    }

    /// <summary>Whether every byte of the range is mapped.</summary>
    public bool IsMapped(ulong address, ulong length)
    {
        var (first, last) = PagesCovering(address, length);
        for (ulong page = first; page <= last; page++)
        {
            if (!_pages.ContainsKey(page))
            {
                return false;
            }
        }

        return true;
    }

    public byte ReadByte(ulong address) => Page(address)[address & PageMask];

    public void WriteByte(ulong address, byte value) => Page(address)[address & PageMask] = value;

    public ulong ReadUInt64(ulong address)
    {
        var page = Page(address);
        int offset = (int)(address & PageMask);
        int inFirstPage = PageSize - offset;
        if (inFirstPage >= sizeof(ulong))
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(offset, sizeof(ulong)));
        }

        // The quadword runs into the next page: its low bytes end this page, its high bytes start that one.
        Span<byte> buffer = stackalloc byte[sizeof(ulong)];
        page.AsSpan(offset, inFirstPage).CopyTo(buffer);
        Page(address + (ulong)inFirstPage).AsSpan(0, sizeof(ulong) - inFirstPage).CopyTo(buffer[inFirstPage..]);
        return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
    }

    public void WriteUInt64(ulong address, ulong value)
    {
        var page = Page(address);
        int offset = (int)(address & PageMask);
        int inFirstPage = PageSize - offset;
        if (inFirstPage >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(offset, sizeof(ulong)), value);
            return;
        }

        // Both pages are looked up before either is written: a store that faults on the second writes nothing.
        var next = Page(address + (ulong)inFirstPage);
        Span<byte> buffer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        buffer[..inFirstPage].CopyTo(page.AsSpan(offset));
        buffer[inFirstPage..].CopyTo(next);
    }

    public uint ReadUInt32(ulong address)
    {
        Span<byte> buffer = stackalloc byte[sizeof(uint)];
        Read(address, buffer);
        return BinaryPrimitives.ReadUInt32LittleEndian(buffer);
    }

    public void WriteUInt32(ulong address, uint value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        Write(address, buffer);
    }

    public void Read(ulong address, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ReadByte(address + (ulong)i);
        }
    }

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        // A store that faults on any of its pages writes none of them (the instruction does not complete).
        var (first, last) = PagesCovering(address, (ulong)source.Length);
        for (ulong page = first; page <= last; page++)
        {
            Page(Math.Max(address, page * PageSize));
        }

        for (int i = 0; i < source.Length; i++)
        {
            WriteByte(address + (ulong)i, source[i]);
        }
    }

    /// <summary>The numbers of the first and last page a range covers; an empty range covers none (last &lt; first).</summary>
    private static (ulong First, ulong Last) PagesCovering(ulong address, ulong length) =>
        length == 0 ? (1, 0) : (address / PageSize, (address + length - 1) / PageSize);

    private byte[] Page(ulong address)
    {
        ulong pageNumber = address / PageSize;
        ref var cached = ref _cache[(int)(pageNumber % CacheSlots)];
        if (cached.Number == pageNumber)
        {
            return cached.Contents!;
        }

        if (!_pages.TryGetValue(pageNumber, out var page))
        {
            throw new PageFaultException(address);
        }

        cached = new CachedPage(pageNumber, page);
        return page;
    }

    private static CachedPage[] NewCache()
    {
        var cache = new CachedPage[CacheSlots];
        System.Array.Fill(cache, NoPage);
        return cache;
    }

    /// <summary>A cache slot: the page number it holds (ulong.MaxValue: none) and that page's bytes.</summary>
    private readonly record struct CachedPage(ulong Number, byte[]? Contents);
}
