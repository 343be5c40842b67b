using System;

namespace Uintr.Simulation.Kernel;

/// <summary>A system call's return: a non-negative value, or an errno (the kernel's -errno).</summary>
internal readonly record struct SyscallResult(long Value, Errno Error, string Reason)
{
    public bool Failed => Error != Errno.None;

    public static SyscallResult Ok(long value) => new(value, Errno.None, string.Empty);

    public static SyscallResult Fail(Errno error, string reason) => new(-(long)error, error, reason);

    /// <summary>The value, or the <see cref="UintrException"/> the kernel's errno stands for.</summary>
    public long ThrowIfFailed(string syscall) => Failed ? throw new UintrException(Error, syscall, Reason) : Value;

    public override string ToString() => Failed ? $"-{Error} ({Reason})" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
