using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace IpcChannel;

/// <summary>
/// The memory both processes share: a file (under /dev/shm when it exists) that each side maps. It holds the request
/// ring and the reply ring. The creating side removes the file when it disposes the region.
/// </summary>
internal sealed unsafe class SharedRegion : IDisposable
{
    public const int RingCapacity = 64;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly bool _owner;
    private byte* _pointer;

    private SharedRegion(string path, bool create)
    {
        Path = path;
        _owner = create;
        int bytes = 2 * SharedRing.BytesFor(RingCapacity);
        _file = create
            ? MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, bytes, MemoryMappedFileAccess.ReadWrite)
            : MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.ReadWrite);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
        Requests = new SharedRing(_pointer, RingCapacity);
        Replies = new SharedRing(_pointer + SharedRing.BytesFor(RingCapacity), RingCapacity);
    }

    public string Path { get; }

    /// <summary>Client to server.</summary>
    public SharedRing Requests { get; }

    /// <summary>Server to client.</summary>
    public SharedRing Replies { get; }

    /// <summary>Creates a new zero-filled region file (a fresh file reads as zeros, so both rings start empty).</summary>
    public static SharedRegion Create(string name)
    {
        string directory = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        return new SharedRegion(System.IO.Path.Combine(directory, $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}"), create: true);
    }

    /// <summary>Maps the region another process created.</summary>
    public static SharedRegion Open(string path) => new(path, create: false);

    public void Dispose()
    {
        if (_pointer != null)
        {
            _pointer = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view.Dispose();
        _file.Dispose();
        if (_owner)
        {
            File.Delete(Path);
        }
    }
}
