namespace Uintr.Roslyn.Testing.CodeFixes;

/// <summary>What a <see cref="CodeFixTest"/> applies.</summary>
public enum CodeFixMode
{
    /// <summary>The first action offered for the first diagnostic.</summary>
    Single,

    /// <summary>The provider's fix-all over the document.</summary>
    FixAll,
}
