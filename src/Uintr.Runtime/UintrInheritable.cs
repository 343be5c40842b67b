using System;
using System.Runtime.InteropServices;

namespace Uintr;

/// <summary>
/// Something a child process inherits from its parent: a <see cref="UintrFd"/>, one end of a <see cref="UintrSocket"/>,
/// or (real processes only) an ordinary handle. The child finds them in its <see cref="UintrInheritance"/>, in the
/// order the parent listed them. Converts implicitly from each of the three.
/// </summary>
public readonly struct UintrInheritable
{
    private UintrInheritable(object value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    internal object Value { get; }

    /// <summary>The kind the child's <see cref="UintrInheritance"/> reports for this item.</summary>
    internal UintrInheritedKind Kind => Value switch
    {
        UintrFd => UintrInheritedKind.UintrFd,
        UintrSocket => UintrInheritedKind.Socket,
        _ => UintrInheritedKind.Handle,
    };

    /// <summary>A uintr fd to inherit.</summary>
    public static UintrInheritable FromFd(UintrFd fd) => new(fd);

    /// <summary>A socket end to inherit.</summary>
    public static UintrInheritable FromSocket(UintrSocket socket) => new(socket);

    /// <summary>An ordinary handle to inherit (real processes only).</summary>
    public static UintrInheritable FromHandle(SafeHandle handle) => new(handle);

    /// <summary>A uintr fd to inherit.</summary>
    public static implicit operator UintrInheritable(UintrFd fd) => FromFd(fd);

    /// <summary>A socket end to inherit.</summary>
    public static implicit operator UintrInheritable(UintrSocket socket) => FromSocket(socket);

    /// <summary>An ordinary handle to inherit (real processes only).</summary>
    public static implicit operator UintrInheritable(SafeHandle handle) => FromHandle(handle);
}

/// <summary>What an inherited item is.</summary>
public enum UintrInheritedKind
{
    /// <summary>A uintr fd (<see cref="UintrInheritance.TakeFd"/>).</summary>
    UintrFd,

    /// <summary>A socket end (<see cref="UintrInheritance.TakeSocket"/>).</summary>
    Socket,

    /// <summary>An ordinary handle (<see cref="UintrInheritance.TakeHandle"/>).</summary>
    Handle,
}
