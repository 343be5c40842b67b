using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Uintr.Roslyn.Testing;
using Uintr.Roslyn.Testing.Generators;

namespace Uintr.Generators.Tests.Generation;

/// <summary>Runs the generator on test sources and checks the invariants every run must keep.</summary>
internal static class Generate
{
    public static GeneratorRun Run(params string[] sources) => Run(TestCompilationOptions.Default, sources);

    public static GeneratorRun Run(TestCompilationOptions options, params string[] sources)
    {
        var run = GeneratorRunner.Run(new UserInterruptHandlerGenerator(), sources, options);

        // The generator reports nothing itself (diagnostics are the analyzers' job) and never throws (CS8785).
        Assert.True(run.GeneratorDiagnostics.IsEmpty, DiagnosticText.Describe(run.GeneratorDiagnostics));
        return run;
    }

    /// <summary>Asserts that the input compiles cleanly (warnings are errors) and so does the output.</summary>
    public static GeneratorRun Clean(params string[] sources) => Clean(TestCompilationOptions.Default, sources);

    public static GeneratorRun Clean(TestCompilationOptions options, params string[] sources)
    {
        var run = Run(options, sources);
        var input = Visible(run.InputCompilation.GetDiagnostics());
        Assert.True(input.Count == 0, "The test input does not compile:\n" + DiagnosticText.Describe(input));
        AssertNoNewDiagnostics(run);
        return run;
    }

    /// <summary>Asserts that the output compilation (input plus generated code) has no diagnostic at all.</summary>
    public static GeneratorRun Compiles(TestCompilationOptions options, params string[] sources)
    {
        var run = Run(options, sources);
        var output = Visible(run.GetOutputDiagnostics());
        Assert.True(output.Count == 0, "The output does not compile cleanly:\n" + DiagnosticText.Describe(output) + "\n\n" + Dump(run));
        return run;
    }

    /// <summary>The generated code adds no diagnostic to those the input already had.</summary>
    public static void AssertNoNewDiagnostics(GeneratorRun run)
    {
        var before = Visible(run.InputCompilation.GetDiagnostics()).Select(DiagnosticText.Describe).ToHashSet();
        var added = Visible(run.GetOutputDiagnostics()).Where(d => !before.Contains(DiagnosticText.Describe(d))).ToList();
        Assert.True(added.Count == 0, "The generated code adds diagnostics:\n" + DiagnosticText.Describe(added) + "\n\n" + Dump(run));
    }

    /// <summary>Everything but hidden diagnostics (such as CS8019, unnecessary using), which never fail a build.</summary>
    public static List<Diagnostic> Visible(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();

    public static string Dump(GeneratorRun run) =>
        string.Join("\n", run.GeneratedSources.Select(s => $"==== {s.HintName}\n{s.Text}"));

    public static IEnumerable<string> HintNames(GeneratorRun run) => run.GeneratedSources.Select(s => s.HintName);
}
