using System;

namespace Uintr.Cli.Tracing;

/// <summary>A short program run on a tracing simulator for <c>uintr trace</c>.</summary>
/// <param name="Name">The name typed on the command line (and the output files' stem).</param>
/// <param name="Description">One line for the usage text.</param>
/// <param name="Run">The program; it runs on the calling thread, which becomes a simulated thread.</param>
internal sealed record TraceScenario(string Name, string Description, Action<UintrSimulator> Run);
