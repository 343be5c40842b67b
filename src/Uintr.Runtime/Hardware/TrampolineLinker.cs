using System;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>Bakes a receiver's native addresses into its trampoline and maps the result executable.</summary>
internal static class TrampolineLinker
{
    /// <summary>One executable page holding <paramref name="image"/> linked against <paramref name="state"/>, entry point at offset 0 (no wait window).</summary>
    public static ExecutablePage Map(TrampolineImage image, ReceiverNativeState state, Action<nint>? beforeSeal = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(state);
        return ExecutablePage.Seal(image.Link(state.AddressOf), beforeSeal);
    }

    /// <summary>
    /// One executable page: the handler entry stub of <paramref name="window"/> at offset 0 (the address given to
    /// uintr_register_handler), then <paramref name="image"/> linked against <paramref name="state"/> at
    /// <see cref="WaitWindow.EntryStubLength"/>.
    /// </summary>
    public static ExecutablePage Map(TrampolineImage image, ReceiverNativeState state, WaitWindow window, Action<nint>? beforeSeal = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(window);
        byte[] entry = WaitWindow.BuildEntryStub((ulong)window.Address);
        byte[] trampoline = image.Link(state.AddressOf);
        var code = new byte[entry.Length + trampoline.Length];
        entry.CopyTo(code, 0);
        trampoline.CopyTo(code, entry.Length);
        return ExecutablePage.Seal(code, beforeSeal);
    }
}
