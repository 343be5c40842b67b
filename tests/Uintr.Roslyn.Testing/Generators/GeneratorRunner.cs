using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Roslyn.Testing.Generators;

/// <summary>Runs incremental generators with step tracking on, the way the compiler does.</summary>
public static class GeneratorRunner
{
    /// <summary>Compiles <paramref name="sources"/> and runs <paramref name="generator"/> on them.</summary>
    public static GeneratorRun Run(IIncrementalGenerator generator, IEnumerable<string> sources, TestCompilationOptions? options = null) =>
        Run(TestCompilation.Create(sources, options), generator);

    /// <summary>Runs <paramref name="generators"/> on <paramref name="compilation"/> with a new driver.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, params IIncrementalGenerator[] generators)
    {
        var driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return RunAgain(driver, compilation);
    }

    /// <summary>Runs an existing driver (with its caches) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun RunAgain(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, (CSharpCompilation)output, diagnostics);
    }

    /// <summary>Runs the previous run's driver on <paramref name="compilation"/> (an edit of its input).</summary>
    public static GeneratorRun RunAgain(this GeneratorRun previous, CSharpCompilation compilation) => RunAgain(previous.Driver, compilation);
}
