using System;
using System.IO;

namespace Uintr.Conformance;

/// <summary>
/// KTAP version 1 (Documentation/dev-tools/ktap.rst): the version line, the plan <c>1..N</c>, one
/// <c>ok N - name</c> / <c>not ok N - name</c> line per test with a <c># SKIP reason</c> directive for skips, and
/// diagnostic lines starting with <c>#</c>.
/// </summary>
internal sealed class KtapWriter
{
    private readonly TextWriter _output;
    private int _number;

    public KtapWriter(TextWriter output, int plan)
    {
        _output = output;
        _output.WriteLine("KTAP version 1");
        _output.WriteLine($"1..{plan}");
    }

    /// <summary>A diagnostic line.</summary>
    public void Diagnostic(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            _output.WriteLine($"# {line.TrimEnd('\r')}");
        }
    }

    /// <summary>The result line of the next test; a failure's reason goes in diagnostic lines before it.</summary>
    public void Result(string name, CheckOutcome outcome)
    {
        _number++;
        switch (outcome.Status)
        {
            case CheckStatus.Pass:
                _output.WriteLine($"ok {_number} - {name}");
                break;
            case CheckStatus.Skip:
                _output.WriteLine($"ok {_number} - {name} # SKIP {OneLine(outcome.Reason)}");
                break;
            default:
                Diagnostic($"{name}: {outcome.Reason}");
                _output.WriteLine($"not ok {_number} - {name}");
                break;
        }
    }

    private static string OneLine(string? text) => (text ?? string.Empty).Replace('\n', ' ').Replace("\r", string.Empty, StringComparison.Ordinal);
}
