using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Roslyn.Testing;
using Uintr.Roslyn.Testing.Analyzers;

namespace Uintr.Analyzers.Tests.Catalog;

/// <summary>
/// Runs every analyzer over every C# file of this repository, one compilation per project, and requires that none
/// throws (AD0001). The samples are known-valid Uintr code: they must produce no diagnostic at all.
/// </summary>
public sealed class RepositoryCodeTests
{
    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (string project in ProjectDirectories())
        {
            data.Add(Path.GetRelativePath(AllAnalyzers.RepositoryRoot, project).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task NoAnalyzerThrowsOnRepositoryCode(string project)
    {
        var diagnostics = await AnalyzeAsync(project);
        var failures = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(failures.Count == 0, "Analyzer exceptions:\n" + DiagnosticComparer.Describe(failures));
    }

    [Theory]
    [InlineData("samples/PingPong")]
    [InlineData("samples/HardwareCheck")]
    public async Task SamplesHaveNoDiagnostics(string project)
    {
        var diagnostics = await AnalyzeAsync(project);
        Assert.True(diagnostics.IsEmpty, "Diagnostics on known-valid code:\n" + DiagnosticComparer.Describe(diagnostics));
    }

    [Fact]
    public void TheRepositoryHasProjectsToAnalyse()
    {
        var projects = ProjectDirectories().Select(p => Path.GetRelativePath(AllAnalyzers.RepositoryRoot, p).Replace('\\', '/')).ToList();
        Assert.Contains("src/Uintr.Runtime", projects);
        Assert.Contains("samples/PingPong", projects);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string project)
    {
        string directory = Path.Combine(AllAnalyzers.RepositoryRoot, project);
        var options = TestCompilationOptions.Default with { WarningsAsErrors = false, AssemblyName = Path.GetFileName(directory) };
        var trees = SourceFiles(directory).Select(path => TestCompilation.ParseSource(File.ReadAllText(path), path, options)).ToList();
        var compilation = TestCompilation.Create(trees, options);
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers.Create(), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    private static IEnumerable<string> ProjectDirectories()
    {
        string root = AllAnalyzers.RepositoryRoot;
        return Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Select(path => Path.GetDirectoryName(path)!)
            .Distinct()
            .OrderBy(path => path, StringComparer.Ordinal);
    }

    // The project's own files: not bin/obj, not a nested project's.
    private static IEnumerable<string> SourceFiles(string projectDirectory)
    {
        var nested = ProjectDirectories().Where(d => d != projectDirectory && d.StartsWith(projectDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        return Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path) && !nested.Any(n => path.StartsWith(n + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .OrderBy(path => path, StringComparer.Ordinal);
    }

    private static bool IsBuildOutput(string path)
    {
        string separator = Path.DirectorySeparatorChar.ToString();
        return path.Contains(separator + "bin" + separator, StringComparison.Ordinal) || path.Contains(separator + "obj" + separator, StringComparison.Ordinal);
    }
}
