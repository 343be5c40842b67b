using System;
using System.Runtime.InteropServices;

namespace Uintr.Hardware;

/// <summary>
/// Machine code in its own anonymous mapping: mapped read-write, filled, then sealed read-execute with
/// mprotect. The mapping is never writable and executable at once (W^X). Disposing unmaps it.
/// </summary>
internal sealed class ExecutablePage : SafeHandle
{
    private readonly nuint _length;

    private ExecutablePage(nint address, nuint length)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        SetHandle(address);
        _length = length;
    }

    /// <summary>The first byte of the code (the entry point).</summary>
    public nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>The size of the mapping (whole pages).</summary>
    public int Length => checked((int)_length);

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0 || handle == LibC.MapFailed;

    /// <summary>Maps <paramref name="code"/> read-execute at a fresh page-aligned address.</summary>
    /// <param name="code">The machine code; entry point at offset 0.</param>
    /// <param name="beforeSeal">Test hook: runs while the mapping is still read-write, with its address.</param>
    /// <exception cref="InvalidOperationException">mmap or mprotect failed.</exception>
    public static unsafe ExecutablePage Seal(ReadOnlySpan<byte> code, Action<nint>? beforeSeal = null)
    {
        if (code.IsEmpty)
        {
            throw new ArgumentException("There is no code to map.", nameof(code));
        }

        nuint pageSize = (nuint)Environment.SystemPageSize;
        nuint length = ((nuint)code.Length + pageSize - 1) / pageSize * pageSize;
        nint address = LibC.Mmap(0, length, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapAnonymous, -1, 0);
        if (address == LibC.MapFailed)
        {
            throw Failure("mmap", Marshal.GetLastPInvokeError());
        }

        var page = new ExecutablePage(address, length);
        try
        {
            code.CopyTo(new Span<byte>((void*)address, code.Length));
            beforeSeal?.Invoke(address);
            if (LibC.Mprotect(address, length, LibC.ProtRead | LibC.ProtExec) != 0)
            {
                throw Failure("mprotect", Marshal.GetLastPInvokeError());
            }

            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.Munmap(handle, _length) == 0;

    private static InvalidOperationException Failure(string call, int errno) =>
        new($"{call} failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
}
