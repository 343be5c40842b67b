using System.Text;

namespace Uintr.Generators.Emit;

/// <summary>A string builder with an indentation level and '\n' line ends, so output is identical on every OS.</summary>
internal sealed class IndentedWriter
{
    // Sized for a typical receiver file (about 3 KB), so the builder rarely grows.
    private readonly StringBuilder _text = new(4096);

    public int Indent { get; set; }

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', 4 * Indent).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Appends text that is already indented and ends with a line end.</summary>
    public IndentedWriter Raw(string lines)
    {
        _text.Append(lines);
        return this;
    }

    public IndentedWriter Open(string line)
    {
        Line(line).Line("{");
        Indent++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        Indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
