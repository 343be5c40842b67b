using System.Globalization;
using System.Runtime.CompilerServices;

namespace Uintr.Simulation.Machine;

/// <summary>
/// Interpolated-string handler for trace details: formats (in the invariant culture, so traces are identical on every
/// machine) only when the machine records a trace, so the hot paths pay nothing when tracing is off.
/// </summary>
[InterpolatedStringHandler]
internal ref struct TraceMessage
{
    private DefaultInterpolatedStringHandler _inner;

    public TraceMessage(int literalLength, int formattedCount, SimulatedMachine machine, out bool enabled)
    {
        enabled = machine.IsTracing;
        _inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string ToStringAndClear() => _inner.ToStringAndClear();
}
