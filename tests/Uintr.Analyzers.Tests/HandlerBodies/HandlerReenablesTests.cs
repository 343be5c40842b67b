using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

public sealed class HandlerReenablesTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static int Count; " + members + " [UserInterruptHandler(1)] static void OnWork() { " + body + " } }";

    [Fact]
    public async Task StuiIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count++; {|#0:UserInterrupts.Stui()|};"),
            Verify.Diagnostic("UINTR014").WithLocation(0).WithArguments("OnWork", "UserInterrupts.Stui"));
    }

    [Fact]
    public async Task StuiInACalleeIsReportedWithTheChain()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:AllowNesting()|};", "static void AllowNesting() => UserInterrupts.Stui();"),
            Verify.Diagnostic("UINTR014").WithLocation(0).WithArguments("OnWork", "OnWork -> AllowNesting -> UserInterrupts.Stui"));
    }

    [Fact]
    public async Task CluiAndTestuiAreNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("UserInterrupts.Clui(); Count = UserInterrupts.Testui() ? 1 : 0;"));
    }

    [Fact]
    public async Task StuiOutsideHandlersIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>("static class C { static void M() => UserInterrupts.Stui(); }");
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("UserInterrupts.Stui();"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR014.severity"] = "none" });
    }

    [Fact]
    public async Task PragmaSuppressesTheRule()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("\n#pragma warning disable UINTR014\nUserInterrupts.Stui();\n"));
    }
}
