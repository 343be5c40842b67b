using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Generators.Tests.Incrementality;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

public sealed class SharedTrampolineTests
{
    /// <summary>
    /// Two projects with receivers, the first letting the second see its internals (a test project, say): both have
    /// a generated <c>Uintr.Generated.UserInterruptTrampolines</c>; without <c>[Embedded]</c> on the class the second
    /// project's use of its own would warn CS0436 (an error under warnings as errors).
    /// </summary>
    [Fact]
    public void A_project_that_sees_another_projects_internals_uses_its_own_trampolines_without_a_warning()
    {
        var library = Generate("Library", """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tests")]
            namespace Library { static partial class Bell { [Uintr.UserInterruptHandler(1)] static void OnRing() { } } }
            """);
        Assert.Empty(Problems(library));
        var image = library.OutputCompilation.ToMetadataReference();

        var tests = Generate("Tests", """
            namespace Tests { static partial class Probe { [Uintr.UserInterruptHandler(2)] static void OnProbe() { } } }
            """, image);

        Assert.Contains(tests.AllSources, s => s.HintName == SharedFiles.Trampolines);
        Assert.Empty(Problems(tests));
    }

    private static TrackedRun Generate(string assemblyName, string source, params MetadataReference[] references)
    {
        var options = TestCompilationOptions.Default with
        {
            AssemblyName = assemblyName,
            References = TestCompilationOptions.Default.References.AddRange(references),
        };
        return TrackedRun.Start(TestCompilation.Create(new[] { source }, options), new UserInterruptHandlerGenerator());
    }

    private static Diagnostic[] Problems(TrackedRun run) =>
        run.GeneratorDiagnostics.Concat(run.GetOutputDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
}
