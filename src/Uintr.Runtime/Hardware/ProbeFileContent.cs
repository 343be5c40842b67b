namespace Uintr.Hardware;

/// <summary>The text of a /proc file, or why it could not be read.</summary>
/// <param name="Text">The file's text; <see langword="null"/> when it could not be read.</param>
/// <param name="Error">Why the read failed (missing, permission denied, ...); <see langword="null"/> on success.</param>
internal readonly record struct ProbeFileContent(string? Text, string? Error)
{
    public bool IsReadable => Text is not null;

    public static ProbeFileContent Read(string text) => new(text, null);

    public static ProbeFileContent Unreadable(string error) => new(null, error);
}
