using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Masking;

namespace Uintr.Analyzers.Tests.Masking;

public sealed class MaskBalanceTests
{
    private static string Method(string body) => "class C { static int Count; static void M(bool flag) { " + body + " } }";

    [Theory]
    [InlineData("{|#0:UserInterrupts.Clui()|}; Count++;")]
    [InlineData("{|#0:UserInterrupts.Clui()|}; if (flag) return; UserInterrupts.Stui();")]
    [InlineData("{|#0:UserInterrupts.Clui()|}; if (flag) UserInterrupts.Stui();")]
    [InlineData("{|#0:UserInterrupts.Clui()|}; if (flag) throw new InvalidOperationException(); UserInterrupts.Stui();")]
    [InlineData("UserInterrupts.Clui(); UserInterrupts.Stui(); {|#0:UserInterrupts.Clui()|};")]
    public async Task UnbalancedCluiIsReported(string body)
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(Method(body), Verify.Diagnostic("UINTR023").WithLocation(0).WithArguments("M"));
    }

    [Theory]
    [InlineData("UserInterrupts.Clui(); Count++; UserInterrupts.Stui();")]
    [InlineData("UserInterrupts.Clui(); if (flag) { UserInterrupts.Stui(); return; } Count++; UserInterrupts.Stui();")]
    [InlineData("UserInterrupts.Clui(); try { if (flag) return; Count++; } finally { UserInterrupts.Stui(); }")]
    [InlineData("UserInterrupts.Clui(); try { if (flag) throw new InvalidOperationException(); } finally { UserInterrupts.Stui(); }")]
    [InlineData("using (UserInterrupts.Mask()) { Count++; }")]
    [InlineData("for (int i = 0; i < 3; i++) { UserInterrupts.Clui(); Count++; UserInterrupts.Stui(); }")]
    public async Task BalancedMaskingIsNotReported(string body)
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(Method(body));
    }

    [Fact]
    public async Task AnUnbalancedCluiInsideALambdaIsReportedAgainstTheEnclosingMethod()
    {
        // Thread bodies handed to StartThread are lambdas: each is a body of its own.
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(
            Method("System.Action body = () => { {|#0:UserInterrupts.Clui()|}; Count++; }; body();"),
            Verify.Diagnostic("UINTR023").WithLocation(0).WithArguments("M"));
    }

    [Theory]
    [InlineData("System.Action body = () => { UserInterrupts.Clui(); Count++; UserInterrupts.Stui(); }; body();")]
    [InlineData("System.Action body = () => { using (UserInterrupts.Mask()) { Count++; } }; body();")]
    [InlineData("System.Func<int> body = () => { UserInterrupts.Clui(); try { return Count; } finally { UserInterrupts.Stui(); } }; body();")]
    public async Task BalancedMaskingInsideALambdaIsNotReported(string body)
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(Method(body));
    }

    [Fact]
    public async Task EveryOpenCluiIsReported()
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(
            Method("if (flag) {|#0:UserInterrupts.Clui()|}; else {|#1:UserInterrupts.Clui()|};"),
            Verify.Diagnostic("UINTR023").WithLocation(0),
            Verify.Diagnostic("UINTR023").WithLocation(1));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(Method("UserInterrupts.Clui();"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR023.severity"] = "none" });
    }

    [Fact]
    public async Task PragmaSuppressesTheRule()
    {
        await Verify.AnalyzerAsync<MaskBalanceAnalyzer>(Method("\n#pragma warning disable UINTR023\nUserInterrupts.Clui();\n"));
    }
}
