namespace Uintr.Simulation.Kernel;

/// <summary>An open file an fd-table slot refers to; counted so that the last close releases it.</summary>
internal abstract class KernelFile
{
    /// <summary>How many fd-table slots (in any process) refer to this file.</summary>
    public int References { get; set; }

    /// <summary>The kind, for error messages (for example "uintr", "pipe").</summary>
    public abstract string Kind { get; }
}

/// <summary>A file that is not a uintr fd (a pipe, an eventfd...), so that register_sender can refuse it with EOPNOTSUPP.</summary>
internal sealed class PlainFile : KernelFile
{
    public PlainFile(string kind) => Kind = kind;

    public override string Kind { get; }
}
