using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Roslyn.Testing;

/// <summary>Builds C# compilations for tests.</summary>
public static class TestCompilation
{
    /// <summary>The path of the <paramref name="index"/>th test source (<c>/0/Test0.cs</c>, like Microsoft.CodeAnalysis.Testing).</summary>
    public static string SourcePath(int index) => string.Format(CultureInfo.InvariantCulture, "/0/Test{0}.cs", index);

    /// <summary>A compilation of <paramref name="sources"/>, named <see cref="SourcePath"/> in order.</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, TestCompilationOptions? options = null)
    {
        options ??= TestCompilationOptions.Default;
        var trees = sources.Select((text, i) => ParseSource(text, SourcePath(i), options));
        return Create(trees, options);
    }

    /// <summary>A compilation of <paramref name="sources"/>.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(sources, null);

    /// <summary>A compilation of already parsed trees.</summary>
    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, TestCompilationOptions options)
    {
        var compilationOptions = new CSharpCompilationOptions(
                options.OutputKind,
                nullableContextOptions: options.Nullable,
                generalDiagnosticOption: options.WarningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default,
                allowUnsafe: true)
            .WithSpecificDiagnosticOptions(options.DiagnosticSeverities);
        return CSharpCompilation.Create(options.AssemblyName, trees, options.References, compilationOptions);
    }

    /// <summary>Parses one source with the options' language version.</summary>
    public static SyntaxTree ParseSource(string text, string path, TestCompilationOptions? options = null) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), (options ?? TestCompilationOptions.Default).ParseOptions, path);

    /// <summary>Replaces the tree at <paramref name="path"/> with <paramref name="newText"/> (same parse options).</summary>
    public static CSharpCompilation ReplaceSource(CSharpCompilation compilation, string path, string newText)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(newText, Encoding.UTF8)));
    }

    /// <summary>Adds a source parsed with the compilation's parse options.</summary>
    public static CSharpCompilation AddSource(CSharpCompilation compilation, string path, string text)
    {
        var parseOptions = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        return compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), parseOptions, path));
    }
}
