using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Declarations;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests.Declarations;

public sealed class DuplicateVectorTests
{
    [Fact]
    public async Task DistinctVectorsAreNotReported()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { [UserInterruptHandler(1)] static void A() { } [UserInterruptHandler(2)] static void B() { } }");
    }

    [Fact]
    public async Task SameVectorInDifferentReceiversIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R1 { [UserInterruptHandler(1)] static void A() { } } static partial class R2 { [UserInterruptHandler(1)] static void A() { } }");
    }

    [Fact]
    public async Task SecondHandlerIsReported()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { [UserInterruptHandler(5)] static void First() { } [UserInterruptHandler(5)] static void {|#0:Second|}() { } }",
            Verify.Diagnostic("UINTR003").WithLocation(0).WithArguments("Second", "5", "First", "R"));
    }

    [Fact]
    public async Task EveryLaterHandlerIsReported()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { const int V = 5; [UserInterruptHandler(5)] static void A() { } [UserInterruptHandler(V)] static void {|UINTR003:B|}() { } [UserInterruptHandler(2 + 3)] static void {|UINTR003:C|}() { } }");
    }

    [Fact]
    public async Task DuplicatesAcrossPartialFilesAreReportedInTheLaterFile()
    {
        var test = new UintrAnalyzerTest<HandlerDeclarationAnalyzer>();
        test.TestState.Sources.Add(Verify.Usings + "static partial class R { [UserInterruptHandler(9)] static void A() { } }");
        test.TestState.Sources.Add(Verify.Usings + "static partial class R { [UserInterruptHandler(9)] static void {|UINTR003:B|}() { } }");
        await test.RunAsync();
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { [UserInterruptHandler(5)] static void A() { } [UserInterruptHandler(5)] static void B() { } }",
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR003.severity"] = "none" });
    }
}
