using System.Text;

namespace Uintr.Generators.Emit;

/// <summary>A string builder with an indentation level and '\n' line ends, so output is identical on every OS.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();

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
