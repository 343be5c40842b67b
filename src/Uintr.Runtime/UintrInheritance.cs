using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Uintr.Ipc;

namespace Uintr;

/// <summary>
/// What a child process inherited from its parent, in the order the parent listed it: on the simulator the argument
/// of the <see cref="UintrSimulator.StartProcess"/> body, in a real process <see cref="FromEnvironment"/>. Each item is
/// taken once; the taker owns it. Disposing closes every item not taken.
/// </summary>
public sealed class UintrInheritance : IDisposable
{
    /// <summary>The environment variable a real parent passes the inherited fd numbers in ("uintr:7,socket:8,handle:9").</summary>
    public const string EnvironmentVariable = "UINTR_INHERITED_FDS";

    private static int s_environmentTaken;

    private readonly IInheritanceBackend _backend;
    private readonly List<(UintrInheritedKind Kind, int Number)> _items;
    private readonly bool[] _taken;
    private bool _disposed;

    internal UintrInheritance(IInheritanceBackend backend, List<(UintrInheritedKind Kind, int Number)> items)
    {
        _backend = backend;
        _items = items;
        _taken = new bool[items.Count];
    }

    /// <summary>How many items the parent passed.</summary>
    public int Count => _items.Count;

    /// <summary>The kind of item <paramref name="index"/>.</summary>
    public UintrInheritedKind KindOf(int index) => Item(index).Kind;

    /// <summary>
    /// What this real process inherited from a parent that started it with <see cref="UintrChildProcess.Start"/>. The
    /// first call takes the fds over (marking them close-on-exec again, so they do not leak further) and clears the
    /// environment variable; later calls find nothing.
    /// </summary>
    /// <param name="platform">The hardware platform, needed to take uintr fds; <see langword="null"/> when only sockets and handles are expected.</param>
    /// <exception cref="ArgumentException"><paramref name="platform"/> is not the hardware backend (a simulated process gets its inheritance as its body's argument).</exception>
    /// <exception cref="FormatException">The variable is malformed; nothing is taken.</exception>
    public static UintrInheritance FromEnvironment(UintrPlatform? platform = null)
    {
        if (platform is not (null or Hardware.HardwarePlatform))
        {
            throw new ArgumentException(
                $"A real process inherits real fds; {platform.Description} is not the hardware backend. A simulated process gets its UintrInheritance as the argument of its StartProcess body.",
                nameof(platform));
        }

        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var items = text is null ? [] : Parse(text);
        if (System.Threading.Interlocked.Exchange(ref s_environmentTaken, 1) != 0)
        {
            items = [];
        }

        Environment.SetEnvironmentVariable(EnvironmentVariable, null);
        return FromItems(items, ((Hardware.HardwarePlatform?)platform)?.Kernel);
    }

    /// <summary>Takes over the inherited fds <paramref name="items"/> of this real process (close-on-exec again).</summary>
    internal static UintrInheritance FromItems(List<(UintrInheritedKind Kind, int Number)> items, Hardware.IUintrKernel? kernel)
    {
        foreach (var (_, number) in items)
        {
            SystemInheritance.MarkCloseOnExec(number);
        }

        return new UintrInheritance(new SystemInheritance(kernel), items);
    }

    /// <summary>Takes item <paramref name="index"/>, a uintr fd; the caller owns the result.</summary>
    /// <exception cref="InvalidOperationException">The item is another kind, or was taken already (nothing changes).</exception>
    /// <exception cref="UintrException">EBADF: the fd did not arrive open; EOPNOTSUPP: it is not a uintr fd (it is closed).</exception>
    public UintrFd TakeFd(int index) => Take(index, UintrInheritedKind.UintrFd, _backend.MakeFd);

    /// <summary>Takes item <paramref name="index"/>, a socket end; the caller owns the result.</summary>
    /// <exception cref="InvalidOperationException">The item is another kind, or was taken already (nothing changes).</exception>
    public UintrSocket TakeSocket(int index) => Take(index, UintrInheritedKind.Socket, _backend.MakeSocket);

    /// <summary>Takes item <paramref name="index"/>, an ordinary handle; the caller owns the result.</summary>
    /// <exception cref="InvalidOperationException">The item is another kind, or was taken already (nothing changes).</exception>
    public SafeFileHandle TakeHandle(int index) => Take(index, UintrInheritedKind.Handle, _backend.MakeHandle);

    /// <summary>Closes every item nobody took, so that an unused inherited fd keeps no file open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (int i = 0; i < _items.Count; i++)
        {
            if (!_taken[i])
            {
                _taken[i] = true;
                _backend.Close(_items[i].Number);
            }
        }
    }

    internal static string Format(IEnumerable<(UintrInheritedKind Kind, int Number)> items) =>
        string.Join(',', System.Linq.Enumerable.Select(items, item => $"{Name(item.Kind)}:{item.Number.ToString(CultureInfo.InvariantCulture)}"));

    internal static List<(UintrInheritedKind Kind, int Number)> Parse(string text)
    {
        var items = new List<(UintrInheritedKind, int)>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = part.Split(':');
            UintrInheritedKind? kind = fields[0] switch
            {
                "uintr" => UintrInheritedKind.UintrFd,
                "socket" => UintrInheritedKind.Socket,
                "handle" => UintrInheritedKind.Handle,
                _ => null,
            };
            if (fields.Length != 2 || kind is null || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                throw new FormatException($"{EnvironmentVariable}: '{part}' is not kind:fd with kind uintr, socket or handle (whole value: '{text}').");
            }

            items.Add((kind.Value, number));
        }

        return items;
    }

    private static string Name(UintrInheritedKind kind) => kind switch
    {
        UintrInheritedKind.UintrFd => "uintr",
        UintrInheritedKind.Socket => "socket",
        _ => "handle",
    };

    private (UintrInheritedKind Kind, int Number) Item(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)index >= (uint)_items.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The parent passed {_items.Count} item(s).");
        }

        return _items[index];
    }

    private T Take<T>(int index, UintrInheritedKind kind, Func<int, T> make)
    {
        var item = Item(index);
        if (item.Kind != kind)
        {
            throw new InvalidOperationException($"Inherited item {index} is a {item.Kind}, not a {kind}; take it with the method for its kind.");
        }

        if (_taken[index])
        {
            throw new InvalidOperationException($"Inherited item {index} ({item.Kind} {item.Number}) was taken already; each inherited fd has one owner.");
        }

        _taken[index] = true;
        return make(item.Number);
    }
}

/// <summary>How one backend turns an inherited fd number into the object that owns it.</summary>
internal interface IInheritanceBackend
{
    UintrFd MakeFd(int number);

    UintrSocket MakeSocket(int number);

    SafeFileHandle MakeHandle(int number);

    void Close(int number);
}
