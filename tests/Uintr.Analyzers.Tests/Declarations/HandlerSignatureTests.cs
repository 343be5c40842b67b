using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Uintr.Analyzers.Declarations;

namespace Uintr.Analyzers.Tests.Declarations;

public sealed class HandlerSignatureTests
{
    [Theory]
    [InlineData("static void {|#0:OnWork|}() { }")]
    [InlineData("static void {|#0:OnWork|}(ulong vector) { }")]
    [InlineData("private static void {|#0:OnWork|}() => Counter++;")]
    public async Task ValidSignaturesAreNotReported(string method)
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "static partial class R { static int Counter; [UserInterruptHandler(3)] " + method.Replace("{|#0:", string.Empty).Replace("|}", string.Empty) + " }");
    }

    [Theory]
    [InlineData("void {|#0:OnWork|}() { }", "is not static")]
    [InlineData("static int {|#0:OnWork|}() => 0;", "does not return void")]
    [InlineData("static void {|#0:OnWork|}<T>() { }", "is generic")]
    [InlineData("static void {|#0:OnWork|}(int vector) { }", "has parameters other than '()' or '(ulong vector)'")]
    [InlineData("static void {|#0:OnWork|}(ulong vector, int extra) { }", "has parameters other than '()' or '(ulong vector)'")]
    [InlineData("static void {|#0:OnWork|}(ref ulong vector) { }", "has parameters other than '()' or '(ulong vector)'")]
    [InlineData("static async void {|#0:OnWork|}() { await System.Threading.Tasks.Task.Yield(); }", "is async")]
    public async Task InvalidSignatureIsReportedAtTheName(string method, string problem)
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R { [UserInterruptHandler(3)] " + method + " }",
            Verify.Diagnostic("UINTR001").WithLocation(0).WithArguments("OnWork", problem));
    }

    [Fact]
    public async Task MessageListsEveryProblem()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R { [UserInterruptHandler(3)] async System.Threading.Tasks.Task {|#0:OnWork|}() { await System.Threading.Tasks.Task.Yield(); } }",
            Verify.Diagnostic("UINTR001").WithLocation(0).WithArguments("OnWork", "is not static, is async, does not return void"));
    }

    [Fact]
    public async Task MethodsWithoutTheAttributeAreIgnored()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>("class R { int OnWork(string s) => 0; }");
    }

    [Fact]
    public async Task EditorConfigCanLowerTheSeverity()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R { [UserInterruptHandler(3)] void {|#0:OnWork|}() { } }",
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR001.severity"] = "warning" },
            Verify.Diagnostic("UINTR001").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R { [UserInterruptHandler(3)] void OnWork() { } }",
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR001.severity"] = "none" });
    }

    [Fact]
    public async Task PragmaSuppressesTheRule()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R {\n#pragma warning disable UINTR001\n[UserInterruptHandler(3)] void OnWork() { }\n#pragma warning restore UINTR001\n}");
    }

    [Fact]
    public async Task DefaultSeverityIsError()
    {
        await Verify.AnalyzerAsync<HandlerDeclarationAnalyzer>(
            "partial class R { [UserInterruptHandler(3)] void {|#0:OnWork|}() { } }",
            Verify.Diagnostic("UINTR001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error));
    }
}
