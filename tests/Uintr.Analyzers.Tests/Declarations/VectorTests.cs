using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Declarations;

namespace Uintr.Analyzers.Tests.Declarations;

public sealed class VectorTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("63")]
    [InlineData("Vector")]
    [InlineData("vector: 7")]
    public async Task VectorsInRangeAreNotReported(string argument)
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { const int Vector = 12; [UserInterruptHandler(" + argument + ")] static void OnWork() { } }");
    }

    [Theory]
    [InlineData("{|#0:64|}", "64")]
    [InlineData("{|#0:-1|}", "-1")]
    [InlineData("{|#0:1000|}", "1000")]
    [InlineData("{|#0:Vector + 60|}", "72")]
    [InlineData("{|#0:vector: 99|}", "99")]
    public async Task VectorOutOfRangeIsReportedAtTheArgument(string argument, string value)
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { const int Vector = 12; [UserInterruptHandler(" + argument + ")] static void OnWork() { } }",
            Verify.Diagnostic("UINTR002").WithLocation(0).WithArguments(value));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { [UserInterruptHandler(64)] static void OnWork() { } }",
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR002.severity"] = "none" });
    }

    [Fact]
    public async Task PragmaSuppressesTheRule()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R {\n#pragma warning disable UINTR002\n[UserInterruptHandler(64)] static void OnWork() { }\n}");
    }
}
