namespace Uintr.Cli.Tracing;

/// <summary>Something that happened at one cycle: a send, a notification, a handler, a system call, a flag change.</summary>
/// <param name="Name">What it was.</param>
/// <param name="Category">The trace category (send, notification, interrupt, handler, syscall, context-switch, flag, fault).</param>
/// <param name="Core">The core it happened on.</param>
/// <param name="Thread">The simulated thread, or empty.</param>
/// <param name="Cycle">When.</param>
/// <param name="Vector">The vector, or -1.</param>
/// <param name="Detail">The simulator's detail text.</param>
internal sealed record TimelineInstant(string Name, string Category, int Core, string Thread, long Cycle, int Vector, string Detail);
