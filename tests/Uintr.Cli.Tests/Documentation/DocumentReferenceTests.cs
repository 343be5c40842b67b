using System;
using System.IO;
using System.Linq;

namespace Uintr.Cli.Tests.Documentation;

/// <summary>
/// The docs stand on their own: every reference in a Markdown file, an XML doc, a comment or an output string points at
/// a file (or heading) that exists in the repository.
/// </summary>
public class DocumentReferenceTests
{
    [Fact]
    public void Every_reference_in_the_docs_and_the_sources_points_inside_the_repository()
    {
        var broken = RepositoryReferences.Files().SelectMany(RepositoryReferences.In).Where(r => r.Problem is not null).ToList();

        Assert.True(broken.Count == 0, $"{broken.Count} reference(s) point at nothing:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_scan_covers_the_readme_the_docs_and_the_xml_docs()
    {
        var files = RepositoryReferences.Files().ToList();
        Assert.Contains("README.md", files);
        Assert.Contains("docs/architecture.md", files);
        Assert.Contains("docs/uintr-reference.md", files);
        Assert.Contains("src/Uintr.Runtime/UintrPlatform.cs", files);
        Assert.Contains("samples/PingPong/Program.cs", files);
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("See [the plan](PLANNING.md).", "PLANNING.md")]
    [InlineData("as HARDWARE-NOTES.md section 8 says", "HARDWARE-NOTES.md")]
    [InlineData("/// <summary>Timing (docs/no-such-page.md).</summary>", "docs/no-such-page.md")]
    [InlineData("the trampoline in src/Uintr.Generators/NoSuchFolder/Emit.cs", "src/Uintr.Generators/NoSuchFolder/Emit.cs")]
    [InlineData("[options](docs/cli.md#no-such-heading)", "docs/cli.md#no-such-heading")]
    public void A_reference_to_a_missing_file_or_heading_is_reported(string text, string target)
    {
        string file = Path.Combine(RepositoryReferences.Root, "docs", $"reference-probe-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, text);
        try
        {
            var references = RepositoryReferences.In(Path.GetRelativePath(RepositoryReferences.Root, file).Replace('\\', '/')).ToList();

            var reference = Assert.Single(references, r => r.Target.EndsWith(target, StringComparison.Ordinal) || r.Target == "../" + target);
            Assert.NotNull(reference.Problem);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("See [the CLI](cli.md#options-help-and-errors) and docs/simulator.md.")]
    [InlineData("The rule pages are in docs/rules/ and README.md; https://github.com/dotnet/runtime/blob/main/src/libraries/README.md is another repository.")]
    [InlineData("The runtime's signal chaining (dotnet/runtime src/coreclr/pal/src/exception/signal.cpp) and docs/cli.md.")]
    [InlineData("as the runtime does (dotnet/runtime\n`src/coreclr/pal/src/exception/signal.cpp`), see docs/cli.md.")]
    [InlineData("After a build, dotnet benchmarks/Uintr.Generators.Benchmarks/bin/Release/net10.0/Uintr.Generators.Benchmarks.dll runs it; see docs/generator.md.")]
    public void References_that_resolve_are_accepted(string text)
    {
        text = text.Replace("\\n", "\n", StringComparison.Ordinal);
        string file = Path.Combine(RepositoryReferences.Root, "docs", $"reference-probe-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, text);
        try
        {
            var references = RepositoryReferences.In(Path.GetRelativePath(RepositoryReferences.Root, file).Replace('\\', '/')).ToList();

            Assert.NotEmpty(references);
            Assert.All(references, r => Assert.Null(r.Problem));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
