using System;
using Uintr.CompilerServices;

namespace Uintr.Hardware;

/// <summary>Bakes a receiver's native addresses into its trampoline and maps the result executable.</summary>
internal static class TrampolineLinker
{
    /// <summary>One executable page holding <paramref name="image"/> linked against <paramref name="state"/>.</summary>
    public static ExecutablePage Map(TrampolineImage image, ReceiverNativeState state, Action<nint>? beforeSeal = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(state);
        return ExecutablePage.Seal(image.Link(state.AddressOf), beforeSeal);
    }
}
