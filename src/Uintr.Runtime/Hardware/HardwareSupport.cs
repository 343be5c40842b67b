namespace Uintr.Hardware;

/// <summary>What the probe found (placeholder shape; the hardware work replaces it).</summary>
internal sealed record HardwareSupport(bool IsAvailable, string MissingPiece);
