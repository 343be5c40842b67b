namespace Uintr.Cli.Bench;

/// <summary>One row of <c>uintr bench</c>.</summary>
/// <param name="Suite">simulator or generator.</param>
/// <param name="Workload">What was measured.</param>
/// <param name="Amount">How much work one run did, with its unit.</param>
/// <param name="Time">Host time per run.</param>
/// <param name="Rate">Work per host second, or a BenchmarkDotNet figure.</param>
/// <param name="Source">Measured now, or the report file it was read from.</param>
internal sealed record BenchRow(string Suite, string Workload, string Amount, string Time, string Rate, string Source);
