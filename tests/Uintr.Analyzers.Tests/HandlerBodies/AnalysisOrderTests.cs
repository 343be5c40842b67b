using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Uintr.Analyzers.HandlerBodies;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests.HandlerBodies;

/// <summary>
/// The handler rules follow calls 8 deep. What a handler gets must depend on its own code only, never on which
/// handler was analysed first: a callee summarised completely from a shallow caller must not leak findings past the
/// limit into a deep caller, and a cut-short summary must not hide findings from a shallow one.
/// </summary>
public sealed class AnalysisOrderTests
{
    // Shared helpers: Entry -> C1 -> C2 -> C3 -> C4 -> GC.Collect (Entry is 5 calls from the unknown call).
    private const string Helpers = """
        using System;
        static partial class Chain
        {
            public static void Entry() => C1();
            static void C1() => C2();
            static void C2() => C3();
            static void C3() => C4();
            static void C4() => GC.Collect();
        }
        """;

    // Calls Entry directly: GC.Collect is 6 calls deep, within the limit.
    private const string Shallow = """
        using Uintr;
        static partial class ShallowReceiver
        {
            [UserInterruptHandler(1)] static void OnShallow() => Chain.Entry();
        }
        """;

    // Reaches Entry 7 calls deep: GC.Collect would be 12 calls deep, past the limit.
    private const string Deep = """
        using Uintr;
        static partial class DeepReceiver
        {
            [UserInterruptHandler(2)] static void OnDeep() => P1();
            static void P1() => P2();
            static void P2() => P3();
            static void P3() => P4();
            static void P4() => P5();
            static void P5() => P6();
            static void P6() => Chain.Entry();
        }
        """;

    public static TheoryData<string> Orders => new() { "helpers,shallow,deep", "helpers,deep,shallow", "deep,shallow,helpers", "shallow,deep,helpers", "deep,helpers,shallow" };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task FileOrderDoesNotChangeTheDiagnostics(string order)
    {
        var reference = await DiagnosticsAsync("helpers,shallow,deep");
        var actual = await DiagnosticsAsync(order);
        Assert.Equal(reference, actual);
    }

    [Fact]
    public async Task EachHandlerGetsWhatItGetsAlone()
    {
        var together = await DiagnosticsAsync("shallow,deep,helpers");
        var shallowAlone = await DiagnosticsAsync("shallow,helpers");
        var deepAlone = await DiagnosticsAsync("deep,helpers");
        Assert.Equal(shallowAlone.Concat(deepAlone).OrderBy(d => d, StringComparer.Ordinal), together);

        // And what each gets: the shallow handler sees the unknown call, the deep one is told where its chain was cut.
        Assert.Contains(shallowAlone, d => d.StartsWith("UINTR013", StringComparison.Ordinal) && d.Contains("OnShallow -> Entry -> C1 -> C2 -> C3 -> C4 -> GC.Collect", StringComparison.Ordinal));
        Assert.DoesNotContain(deepAlone, d => d.StartsWith("UINTR013", StringComparison.Ordinal));
        Assert.Contains(deepAlone, d => d.StartsWith("UINTR016", StringComparison.Ordinal) && d.Contains("OnDeep -> P1 -> P2 -> P3 -> P4 -> P5 -> P6 -> Entry -> C1 -> C2 was not followed", StringComparison.Ordinal));
    }

    // The handler rules alone, one at a time on one thread (the order is the order of the files), as sorted text.
    private static async Task<List<string>> DiagnosticsAsync(string order)
    {
        var sources = new Dictionary<string, string> { ["helpers"] = Helpers, ["shallow"] = Shallow, ["deep"] = Deep };
        var options = TestCompilationOptions.Default with { WarningsAsErrors = false };
        var trees = order.Split(',').Select(name => TestCompilation.ParseSource(sources[name], "/" + name + ".cs", options));
        var compilation = TestCompilation.Create(trees, options);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new HandlerBodyAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").OrderBy(d => d, StringComparer.Ordinal).ToList();
    }
}
