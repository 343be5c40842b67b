using System;
using System.Threading;

namespace IpcChannel;

/// <summary>
/// A single-producer, single-consumer ring of fixed 32-byte slots in memory both processes map. The producer owns
/// <c>head</c>, the consumer owns <c>tail</c>, each on a cache line of its own; a slot is published by the release
/// store of <c>head</c> after it is written, and freed by the release store of <c>tail</c> after it is read.
/// </summary>
internal sealed unsafe class SharedRing
{
    public const int SlotBytes = 32;
    private const int HeaderBytes = 128;

    private readonly byte* _base;

    /// <param name="memory">The ring's bytes (<see cref="BytesFor"/> of them), zeroed before either side uses it.</param>
    /// <param name="capacity">Slots; a power of two.</param>
    public SharedRing(byte* memory, int capacity)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity is a power of two.");
        }

        _base = memory;
        Capacity = capacity;
    }

    public int Capacity { get; }

    private long* Head => (long*)_base;

    private long* Tail => (long*)(_base + 64);

    /// <summary>Bytes a ring of <paramref name="capacity"/> slots takes.</summary>
    public static int BytesFor(int capacity) => HeaderBytes + (capacity * SlotBytes);

    /// <summary>Entries written and not yet read.</summary>
    public long Count => Volatile.Read(ref *Head) - Volatile.Read(ref *Tail);

    public bool IsEmpty => Count == 0;

    /// <summary>Writes four words into the next slot; false when the ring is full (nothing is written).</summary>
    public bool TryWrite(long w0, long w1, long w2, long w3)
    {
        long head = *Head;
        if (head - Volatile.Read(ref *Tail) >= Capacity)
        {
            return false;
        }

        long* slot = Slot(head);
        slot[0] = w0;
        slot[1] = w1;
        slot[2] = w2;
        slot[3] = w3;
        Volatile.Write(ref *Head, head + 1);
        return true;
    }

    /// <summary>Reads the oldest slot; false when the ring is empty.</summary>
    public bool TryRead(out long w0, out long w1, out long w2, out long w3)
    {
        long tail = *Tail;
        if (Volatile.Read(ref *Head) == tail)
        {
            w0 = w1 = w2 = w3 = 0;
            return false;
        }

        long* slot = Slot(tail);
        w0 = slot[0];
        w1 = slot[1];
        w2 = slot[2];
        w3 = slot[3];
        Volatile.Write(ref *Tail, tail + 1);
        return true;
    }

    public bool TryWrite(Request request) => TryWrite(request.Sequence, (long)request.Kind, request.A, request.B);

    public bool TryRead(out Request request)
    {
        bool read = TryRead(out long sequence, out long kind, out long a, out long b);
        request = new Request(sequence, (RequestKind)kind, a, b);
        return read;
    }

    public bool TryWrite(Reply reply) => TryWrite(reply.Sequence, reply.Result, 0, 0);

    public bool TryRead(out Reply reply)
    {
        bool read = TryRead(out long sequence, out long result, out _, out _);
        reply = new Reply(sequence, result);
        return read;
    }

    private long* Slot(long index) => (long*)(_base + HeaderBytes + ((index & (Capacity - 1)) * SlotBytes));
}
