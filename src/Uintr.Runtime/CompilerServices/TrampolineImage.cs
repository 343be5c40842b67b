using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>
/// Generated trampoline machine code plus the places where the runtime writes per-thread addresses
/// before it maps the code executable. The code is position-independent apart from those sites.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TrampolineImage
{
    private readonly byte[] _code;

    /// <summary>Creates the image; validates that every patch site lies inside the code.</summary>
    /// <param name="features">The optional behaviours compiled into the code.</param>
    /// <param name="code">The machine code, entry point at offset 0.</param>
    /// <param name="patches">The 64-bit immediates the runtime fills in.</param>
    public TrampolineImage(TrampolineFeatures features, byte[] code, params TrampolinePatch[] patches)
    {
        _code = code ?? throw new ArgumentNullException(nameof(code));
        Features = features;
        Patches = patches ?? Array.Empty<TrampolinePatch>();
        bool hasPendingWord = false;
        foreach (var patch in Patches)
        {
            if (patch.Offset < 0 || patch.Offset + sizeof(ulong) > code.Length)
            {
                throw new ArgumentException($"Patch site {patch.Kind} at offset {patch.Offset} lies outside the {code.Length}-byte trampoline.", nameof(patches));
            }

            hasPendingWord |= patch.Kind == TrampolinePatchKind.PendingWordAddress;
        }

        if (!hasPendingWord)
        {
            throw new ArgumentException("A trampoline must have a PendingWordAddress patch site.", nameof(patches));
        }
    }

    /// <summary>The optional behaviours compiled into the code.</summary>
    public TrampolineFeatures Features { get; }

    /// <summary>The machine code, entry point at offset 0 (unpatched: the address sites hold zero).</summary>
    public ReadOnlySpan<byte> Code => _code;

    /// <summary>The 64-bit immediates the runtime fills in.</summary>
    public IReadOnlyList<TrampolinePatch> Patches { get; }

    /// <summary>A copy of the code with every patch site set to the address <paramref name="resolve"/> gives for its kind.</summary>
    public byte[] Link(Func<TrampolinePatchKind, ulong> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        byte[] linked = (byte[])_code.Clone();
        foreach (var patch in Patches)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(linked.AsSpan(patch.Offset), resolve(patch.Kind));
        }

        return linked;
    }
}
