namespace Uintr.Roslyn.Testing.Analyzers;

/// <summary>Which compiler diagnostics an analyzer test compares along with the analyzer's.</summary>
public enum CompilerDiagnostics
{
    /// <summary>None: only analyzer diagnostics count.</summary>
    None,

    /// <summary>Compiler errors (the default, as in Microsoft.CodeAnalysis.Testing): test code must compile.</summary>
    Errors,

    /// <summary>Compiler errors and warnings.</summary>
    Warnings,
}
