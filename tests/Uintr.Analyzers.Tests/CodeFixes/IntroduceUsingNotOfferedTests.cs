using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Ownership;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests.CodeFixes;

/// <summary>Where a 'using' declaration would not compile or would change meaning, no fix is offered.</summary>
public sealed class IntroduceUsingNotOfferedTests
{
    [Theory]
    [InlineData("fd.Duplicate();")]
    [InlineData("var copy = fd.Duplicate(); copy = fd;")]
    [InlineData("switch (fd.Vector) { case 1: var copy = fd.Duplicate(); break; }")]
    public async Task NoFixIsOffered(string body)
    {
        string source = Verify.Usings + "class C { static void M(UintrFd fd) { " + body + " } }";
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution.AddProject("P", "P", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(TestCompilationOptions.Default.ParseOptions)
            .WithMetadataReferences(TestCompilationOptions.Default.References);
        var document = project.AddDocument("Test0.cs", SourceText.From(source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([new DisposalAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.NotEmpty(diagnostics);

        var fix = new IntroduceUsingCodeFix();
        foreach (var diagnostic in diagnostics)
        {
            var actions = new System.Collections.Generic.List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), default));
            Assert.Empty(actions);
        }
    }
}
