namespace Uintr.Cli.Tracing;

/// <summary>Something that lasted: a trampoline run (delivery to UIRET) or a thread's life.</summary>
/// <param name="Name">What it was.</param>
/// <param name="Category">The trace category (thread, trampoline).</param>
/// <param name="Core">The core it ran on.</param>
/// <param name="Thread">The simulated thread, or empty.</param>
/// <param name="StartCycle">First cycle.</param>
/// <param name="EndCycle">Last cycle.</param>
/// <param name="Detail">The simulator's detail text.</param>
internal sealed record TimelineSpan(string Name, string Category, int Core, string Thread, long StartCycle, long EndCycle, string Detail);
