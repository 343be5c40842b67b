using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>A 64-bit little-endian immediate in the trampoline that the runtime sets to a per-thread address.</summary>
/// <param name="Kind">Which address goes there.</param>
/// <param name="Offset">Byte offset of the immediate from the start of the code.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct TrampolinePatch(TrampolinePatchKind Kind, int Offset);
